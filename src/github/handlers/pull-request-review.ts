import type { DeliveryContext } from '../delivery-context.js';
import { deliverReviewFeedback } from '../triggers/deliver-review-feedback.js';
import { triggerScope } from '../triggers/trigger-scope.js';
import type { WebhookDeps } from '../webhook-deps.js';

/** A review asking for changes (or commenting with a body) on a generated PR continues its run. */
export function handlePullRequestReviewSubmitted(deps: WebhookDeps) {
  return async (context: DeliveryContext<'pull_request_review.submitted'>): Promise<void> => {
    const { review } = context.payload;
    const body = review.body?.trim() ?? '';
    if (review.state !== 'changes_requested' && !(review.state === 'commented' && body)) return;
    const { payload } = context;
    const scope = triggerScope(deps, {
      id: context.id,
      bodyDigest: context.bodyDigest,
      name: 'pull_request_review.submitted',
      octokit: context.octokit,
      log: context.log,
      repo: context.repo(),
      repository: payload.repository,
      number: payload.pull_request.number,
      sender: payload.sender,
    });
    const result = await deliverReviewFeedback(scope, context.payload.pull_request.number, {
      kind: 'review',
      author: scope.sender.login,
      body: body || 'Changes requested (see the review comments).',
    });
    scope.log.info({ result }, 'review handled');
  };
}

/** A comment on a line of a generated PR continues its run; the agent replies to it once addressed. */
export function handlePullRequestReviewCommentCreated(deps: WebhookDeps) {
  return async (context: DeliveryContext<'pull_request_review_comment.created'>): Promise<void> => {
    const { comment } = context.payload;
    if (comment.in_reply_to_id) return;
    const { payload } = context;
    const scope = triggerScope(deps, {
      id: context.id,
      bodyDigest: context.bodyDigest,
      name: 'pull_request_review_comment.created',
      octokit: context.octokit,
      log: context.log,
      repo: context.repo(),
      repository: payload.repository,
      number: payload.pull_request.number,
      sender: payload.sender,
    });
    const result = await deliverReviewFeedback(scope, context.payload.pull_request.number, {
      kind: 'review_comment',
      author: scope.sender.login,
      body: comment.body,
      path: comment.path,
      line: comment.line ?? comment.original_line ?? undefined,
      commentId: comment.id,
    });
    scope.log.info({ result }, 'review comment handled');
  };
}
