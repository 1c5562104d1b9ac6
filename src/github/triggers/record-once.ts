import type { PoolClient } from 'pg';
import { recordDelivery, withTransaction, type Database } from '../../storage/index.js';

export type Delivery = { id: string; event: string };

/**
 * Runs `write` in one transaction with the delivery's dedup row, so a delivery GitHub sends twice (or
 * redelivers after a restart) has its effect once. Returns undefined for a duplicate.
 */
export async function recordOnce<T>(
  db: Database,
  delivery: Delivery,
  write: (tx: PoolClient) => Promise<T>,
): Promise<{ value: T } | undefined> {
  return withTransaction(db.pool, async (tx) => {
    const isNew = await recordDelivery(tx, { deliveryId: delivery.id, event: delivery.event });
    if (!isNew) return undefined;
    return { value: await write(tx) };
  });
}
