import type { Context } from 'probot';
import type { GitHubClient, RepoRef } from '../client.js';
import { deliverReviewFeedback } from '../triggers/deliver-review-feedback.js';
import type { TriggerScope } from '../triggers/gate.js';
import type { WebhookDeps } from '../webhook-deps.js';

type PullRequestEvent = {
  id: string;
  octokit: GitHubClient;
  repo: RepoRef;
  repoFullName: string;
  prNumber: number;
  sender: { login: string; type: string };
};

function scopeOf(deps: WebhookDeps, e: PullRequestEvent, event: string): TriggerScope {
  return {
    deps,
    log: deps.logger.child({ deliveryId: e.id, repo: e.repoFullName, pr: e.prNumber }),
    octokit: e.octokit,
    repo: e.repo,
    repoFullName: e.repoFullName,
    issueNumber: e.prNumber,
    delivery: { id: e.id, event },
    sender: e.sender,
  };
}

/** A review asking for changes (or commenting with a body) on a generated PR continues its run. */
export function handlePullRequestReviewSubmitted(deps: WebhookDeps) {
  return async (context: Context<'pull_request_review.submitted'>): Promise<void> => {
    const { review } = context.payload;
    const body = review.body?.trim() ?? '';
    if (review.state !== 'changes_requested' && !(review.state === 'commented' && body)) return;
    const { payload } = context;
    const scope = scopeOf(
      deps,
      {
        id: context.id,
        octokit: context.octokit,
        repo: context.repo(),
        repoFullName: payload.repository.full_name,
        prNumber: payload.pull_request.number,
        sender: payload.sender,
      },
      'pull_request_review.submitted',
    );
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
  return async (context: Context<'pull_request_review_comment.created'>): Promise<void> => {
    const { comment } = context.payload;
    if (comment.in_reply_to_id) return;
    const { payload } = context;
    const scope = scopeOf(
      deps,
      {
        id: context.id,
        octokit: context.octokit,
        repo: context.repo(),
        repoFullName: payload.repository.full_name,
        prNumber: payload.pull_request.number,
        sender: payload.sender,
      },
      'pull_request_review_comment.created',
    );
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
