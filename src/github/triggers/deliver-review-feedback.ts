import {
  appendEvent,
  findRunByPullRequest,
  transitionRun,
  writeAudit,
  type ReviewFeedback,
} from '../../storage/index.js';
import type { TriggerScope } from './gate.js';
import { recordOnce } from './record-once.js';

/**
 * Feedback on a PR the pipeline opened continues that run's thread on the same branch: recorded as an event,
 * and — when the run has ended — the run is reopened and queued. Feedback while the run is still active is
 * picked up at its next step. Feedback from people without write access is audited and ignored.
 */
export async function deliverReviewFeedback(
  scope: TriggerScope,
  prNumber: number,
  feedback: ReviewFeedback,
): Promise<'queued' | 'delivered' | 'ignored' | 'not_ours' | 'duplicate'> {
  const { deps } = scope;
  if (scope.sender.type === 'Bot') return 'ignored';
  const run = await findRunByPullRequest(deps.db.pool, scope.repoFullName, prNumber);
  if (!run) return 'not_ours';
  const decision = await deps.senderPolicy.decide(scope.octokit, scope.repo, scope.sender);
  const recorded = await recordOnce(deps.db, scope.delivery, async (tx) => {
    const audit = (action: string) =>
      writeAudit(tx, {
        actor: scope.sender.login,
        action,
        repoFullName: scope.repoFullName,
        issueNumber: run.issueNumber,
        runId: run.id,
        deliveryId: scope.delivery.id,
        detail: { pr: prNumber, kind: feedback.kind },
      });
    if (!decision.allowed) {
      await audit('review.ignored_permission');
      return 'ignored' as const;
    }
    await appendEvent(tx, {
      runId: run.id,
      type: 'review_feedback',
      message: `${feedback.kind} from @${feedback.author}`,
      data: feedback,
    });
    const reopened = await transitionRun(tx, run.id, { from: ['succeeded', 'failed'], to: 'queued' });
    await audit(reopened ? 'run.reopened_for_review' : 'review.delivered');
    return reopened ? ('queued' as const) : ('delivered' as const);
  });
  if (!recorded) return 'duplicate';
  if (recorded.value === 'queued') {
    await deps.queue.enqueue({ runId: run.id, reason: 'feedback', deliveryId: scope.delivery.id });
  }
  return recorded.value;
}
