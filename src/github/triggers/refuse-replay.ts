import { recordReplayRefusal, type Queryable } from '../../storage/index.js';
import type { Delivery } from './record-once.js';

/**
 * Called for a delivery that was not recorded: audits it as `trigger.replay_refused` when its body was
 * recorded under another delivery id. True when it was such a replay; false for GitHub's redelivery of a
 * recorded id, which needs no audit.
 */
export function refuseReplay(db: Queryable, delivery: Delivery): Promise<boolean> {
  return recordReplayRefusal(db, {
    deliveryId: delivery.id,
    event: delivery.event,
    bodyDigest: delivery.bodyDigest,
    claimedSender: delivery.sender,
    repoFullName: delivery.repoFullName,
    issueNumber: delivery.issueNumber,
  });
}
