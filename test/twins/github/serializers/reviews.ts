import { apiUrl, htmlUrl, nodeId, type TwinContext } from '../context.js';
import type { RepoRecord, ReviewCommentRecord, ReviewRecord } from '../state.js';
import { associationOf, performedViaApp, reactionRollup } from './issues.js';
import { serializeUser } from './users.js';

export function serializeReview(
  ctx: TwinContext,
  repo: RepoRecord,
  review: ReviewRecord,
): Record<string, unknown> {
  const pullApi = apiUrl(ctx, `/repos/${repo.fullName}/pulls/${review.pullNumber}`);
  const html = htmlUrl(ctx, `/${repo.fullName}/pull/${review.pullNumber}#pullrequestreview-${review.id}`);
  return {
    id: review.id,
    node_id: nodeId('PRR', review.id),
    user: serializeUser(ctx, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullApi,
    _links: { html: { href: html }, pull_request: { href: pullApi } },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: associationOf(repo, review.user),
  };
}

/** A pull request review comment; `state` is lower-case in webhooks (`submitted` → `approved` etc.). */
export function serializeWebhookReview(
  ctx: TwinContext,
  repo: RepoRecord,
  review: ReviewRecord,
): Record<string, unknown> {
  return { ...serializeReview(ctx, repo, review), state: review.state.toLowerCase() };
}

export function serializeReviewComment(
  ctx: TwinContext,
  repo: RepoRecord,
  comment: ReviewCommentRecord,
): Record<string, unknown> {
  const api = apiUrl(ctx, `/repos/${repo.fullName}/pulls/comments/${comment.id}`);
  const pullApi = apiUrl(ctx, `/repos/${repo.fullName}/pulls/${comment.pullNumber}`);
  const html = htmlUrl(ctx, `/${repo.fullName}/pull/${comment.pullNumber}#discussion_r${comment.id}`);
  return {
    url: api,
    id: comment.id,
    node_id: nodeId('PRRC', comment.id),
    pull_request_review_id: comment.reviewId,
    diff_hunk: `@@ -1,1 +1,${comment.line ?? 1} @@`,
    path: comment.path,
    position: comment.line,
    original_position: comment.line,
    commit_id: comment.commitId,
    original_commit_id: comment.commitId,
    ...(comment.inReplyToId !== null ? { in_reply_to_id: comment.inReplyToId } : {}),
    user: serializeUser(ctx, comment.user),
    body: comment.bodies.at(-1) ?? '',
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: html,
    pull_request_url: pullApi,
    author_association: associationOf(repo, comment.user),
    _links: { self: { href: api }, html: { href: html }, pull_request: { href: pullApi } },
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    subject_type: 'line',
    reactions: reactionRollup(api, comment.reactions),
    performed_via_github_app: performedViaApp(ctx, comment.user),
  };
}
