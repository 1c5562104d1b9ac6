import type { Queryable } from './types.js';

export type ReplayedDelivery = {
  deliveryId: string;
  event: string;
  /** Hex HMAC SHA-256 of the body (its `x-hub-signature-256`). */
  bodyDigest: string;
  /** Who, and where, the body says it came from; not who sent it this time. */
  claimedSender: string;
  repoFullName: string;
  issueNumber?: number;
};

/**
 * Audits a delivery that was not recorded because another delivery id already brought the same signed body:
 * `trigger.replay_refused`, naming the first delivery. The actor is `unknown`, as anyone who captured the body
 * can send it again; the sender it names is kept in the detail. False (and nothing written) when the delivery
 * is simply a redelivery of a recorded id, which GitHub does.
 */
export async function recordReplayRefusal(db: Queryable, replay: ReplayedDelivery): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO audit_log (actor, action, repo_full_name, issue_number, delivery_id, detail)
     SELECT 'unknown', 'trigger.replay_refused', $3, $4, $1,
            jsonb_build_object('event', $2::text, 'claimedSender', $5::text, 'sameBodyAs', first.delivery_id)
     FROM webhook_deliveries first
     WHERE first.body_digest = decode($6, 'hex') AND first.delivery_id <> $1
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE delivery_id = $1)`,
    [
      replay.deliveryId,
      replay.event,
      replay.repoFullName,
      replay.issueNumber ?? null,
      replay.claimedSender,
      replay.bodyDigest,
    ],
  );
  return result.rowCount === 1;
}
