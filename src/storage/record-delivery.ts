import type { Queryable } from './types.js';

/** Remembers a webhook delivery; true the first time this id is seen, false for a redelivery. */
export async function recordDelivery(
  db: Queryable,
  { deliveryId, event }: { deliveryId: string; event: string },
): Promise<boolean> {
  const result = await db.query(
    'INSERT INTO webhook_deliveries (delivery_id, event) VALUES ($1, $2) ON CONFLICT (delivery_id) DO NOTHING',
    [deliveryId, event],
  );
  return result.rowCount === 1;
}
