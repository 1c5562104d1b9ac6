import {
  applyTransition,
  appendEvent,
  findRunByPullRequest,
  writeAudit,
  type ReviewFeedback,
} from '../../storage/index.js';
import { JOB_AFTER } from '../../queue/index.js';
import { enqueueLater } from './enqueue-later.js';
import type { TriggerScope } from './gate.js';
import { recordOnce } from './record-once.js';

/**
 * Feedback on a PR the pipeline opened continues that run's thread on the same branch: recorded as an event,
 * and — when the run has ended — the run is reopened and queued. Feedback while the run is still active gets a
 * development round of its own once the current round ends (the worker reads it with a cursor kept in the
 * thread). Feedback from people without write access is audited and ignored.
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
    const message = `${feedback.kind} from @${feedback.author}`;
    // An ended run is reopened, the feedback being the transition's event; an active one gets it as an event.
    const reopened = await applyTransition(tx, run.id, 'reopen_for_review', {
      actor: scope.sender.login,
      deliveryId: scope.delivery.id,
      message,
      data: feedback,
      auditDetail: { pr: prNumber, kind: feedback.kind },
    });
    if (reopened) return reopened.event;
    await appendEvent(tx, { runId: run.id, type: 'review_feedback', message, data: feedback });
    await audit('review.delivered');
    return 'delivered' as const;
  });
  if (!recorded) return 'duplicate';
  if (recorded.value !== 'ignored' && recorded.value !== 'delivered') {
    const event = recorded.value;
    deps.background.run('publish run event', deps.logger, () => deps.bus.publish(event));
    enqueueLater(deps, { runId: run.id, reason: JOB_AFTER.reopen_for_review, deliveryId: scope.delivery.id });
    return 'queued';
  }
  return recorded.value;
}
