import { apiUrl, htmlUrl, nodeId, type TwinContext } from '../context.js';
import type { PullRecord, RepoRecord } from '../state.js';
import { associationOf, serializeLabels } from './issues.js';
import { serializeRepo } from './repos.js';
import { serializeUser } from './users.js';

function branch(
  ctx: TwinContext,
  repo: RepoRecord,
  side: { ref: string; sha: string },
): Record<string, unknown> {
  return {
    label: `${repo.owner.login}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: serializeUser(ctx, repo.owner),
    repo: serializeRepo(ctx, repo),
  };
}

/** A pull request as `pulls/get` returns it and as webhooks carry it. */
export function serializePull(ctx: TwinContext, repo: RepoRecord, pull: PullRecord): Record<string, unknown> {
  const issue = repo.issues.get(pull.number);
  if (!issue) throw new Error(`GitHub twin: pull request #${pull.number} has no issue record`);
  const api = apiUrl(ctx, `/repos/${repo.fullName}/pulls/${pull.number}`);
  const issueApi = apiUrl(ctx, `/repos/${repo.fullName}/issues/${pull.number}`);
  const html = htmlUrl(ctx, `/${repo.fullName}/pull/${pull.number}`);
  const comments = [...repo.comments.values()].filter((c) => c.issueNumber === pull.number).length;
  const reviewComments = [...repo.reviewComments.values()].filter((c) => c.pullNumber === pull.number).length;
  const statuses = apiUrl(ctx, `/repos/${repo.fullName}/statuses/${pull.head.sha}`);
  return {
    url: api,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: apiUrl(ctx, `/repos/${repo.fullName}/pulls/comments{/number}`),
    comments_url: `${issueApi}/comments`,
    statuses_url: statuses,
    number: pull.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: serializeUser(ctx, issue.user),
    body: issue.body,
    labels: serializeLabels(ctx, repo, issue.labels),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branch(ctx, repo, pull.head),
    base: branch(ctx, repo, pull.base),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: apiUrl(ctx, `/repos/${repo.fullName}/pulls/comments{/number}`) },
      commits: { href: `${api}/commits` },
      statuses: { href: statuses },
    },
    author_association: associationOf(repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: pull.merged ? null : true,
    rebaseable: pull.merged ? null : true,
    mergeable_state: pull.merged ? 'unknown' : pull.draft ? 'draft' : 'clean',
    merged_by: pull.mergedBy ? serializeUser(ctx, pull.mergedBy) : null,
    comments,
    review_comments: reviewComments,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}
