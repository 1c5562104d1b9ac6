import type { PoolClient } from 'pg';
import { recordDelivery, withTransaction, type Database } from '../../storage/index.js';
import { refuseReplay } from './refuse-replay.js';

/** A delivery that may have an effect, and what its body claims about itself. */
export type Delivery = {
  /** `X-GitHub-Delivery`. */
  id: string;
  /** `event.action`, e.g. `issues.labeled`. */
  event: string;
  /**
   * Hex HMAC SHA-256 of the signed body. The signature covers only the body, so anyone who captured a
   * delivery can send it again under a new delivery id; the same digest tells it apart.
   */
  bodyDigest: string;
  /** The sender, repository and issue the body names: for the audit row of a refused replay. */
  sender: string;
  repoFullName: string;
  issueNumber: number;
};

/**
 * Runs `write` in one transaction with the delivery's dedup row, so a delivery GitHub sends twice (or
 * redelivers after a restart) has its effect once, and a body already recorded under another delivery id
 * (a replay) has none: that is audited as `trigger.replay_refused`. Returns undefined for either, and then
 * the caller replies nothing (the replay's sender is not the person the body names).
 */
export async function recordOnce<T>(
  db: Database,
  delivery: Delivery,
  write: (tx: PoolClient) => Promise<T>,
): Promise<{ value: T } | undefined> {
  return withTransaction(db.pool, async (tx) => {
    const isNew = await recordDelivery(tx, {
      deliveryId: delivery.id,
      event: delivery.event,
      bodyDigest: delivery.bodyDigest,
    });
    if (!isNew) {
      await refuseReplay(tx, delivery);
      return undefined;
    }
    return { value: await write(tx) };
  });
}
