import type { Queryable } from './types.js';

/**
 * Remembers a webhook delivery; true the first time it is seen. False for a redelivery (the same delivery id)
 * and, given the digest of its signed body, for the same body under another delivery id (a replay; see
 * `recordReplayRefusal`).
 */
export async function recordDelivery(
  db: Queryable,
  { deliveryId, event, bodyDigest }: { deliveryId: string; event: string; bodyDigest?: string },
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO webhook_deliveries (delivery_id, event, body_digest) VALUES ($1, $2, decode($3, 'hex'))
     ON CONFLICT DO NOTHING`,
    [deliveryId, event, bodyDigest ?? null],
  );
  return result.rowCount === 1;
}
