import { apiUrl, htmlUrl, nodeId, type TwinContext } from '../context.js';
import type {
  CommentRecord,
  IssueRecord,
  LabelRecord,
  ReactionRecord,
  RepoRecord,
  UserRecord,
} from '../state.js';
import { authorAssociation, serializeUser } from './users.js';

export function associationOf(repo: RepoRecord, user: UserRecord): string {
  return authorAssociation(repo.permissions.get(user.login.toLowerCase()), user.id === repo.owner.id);
}

export function serializeLabel(
  ctx: TwinContext,
  repo: RepoRecord,
  label: LabelRecord,
): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: apiUrl(ctx, `/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`),
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

export function serializeLabels(
  ctx: TwinContext,
  repo: RepoRecord,
  names: string[],
): Record<string, unknown>[] {
  return names.flatMap((name) => {
    const label = repo.labels.get(name.toLowerCase());
    return label ? [serializeLabel(ctx, repo, label)] : [];
  });
}

/** The `reactions` rollup GitHub embeds in issues and comments. */
export function reactionRollup(url: string, reactions: ReactionRecord[]): Record<string, unknown> {
  const count = (content: string): number => reactions.filter((r) => r.content === content).length;
  return {
    url: `${url}/reactions`,
    total_count: reactions.length,
    '+1': count('+1'),
    '-1': count('-1'),
    laugh: count('laugh'),
    hooray: count('hooray'),
    confused: count('confused'),
    heart: count('heart'),
    rocket: count('rocket'),
    eyes: count('eyes'),
  };
}

export function serializeReaction(ctx: TwinContext, reaction: ReactionRecord): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: nodeId('REA', reaction.id),
    user: serializeUser(ctx, reaction.user),
    content: reaction.content,
    created_at: reaction.createdAt,
  };
}

/** The app behind an actor, when the actor is the twin app's bot. */
export function performedViaApp(ctx: TwinContext, user: UserRecord): Record<string, unknown> | null {
  if (user.id !== ctx.app.botUser.id) return null;
  return {
    id: ctx.app.appId,
    slug: ctx.app.slug,
    node_id: nodeId('A', ctx.app.appId),
    client_id: ctx.app.clientId,
    owner: serializeUser(ctx, ctx.app.owner),
    name: ctx.app.name,
    description: 'GitHub twin app',
    external_url: ctx.baseUrl,
    html_url: htmlUrl(ctx, `/apps/${ctx.app.slug}`),
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    permissions: {
      issues: 'write',
      pull_requests: 'write',
      checks: 'write',
      contents: 'write',
      metadata: 'read',
    },
    events: ['issues', 'issue_comment', 'pull_request', 'pull_request_review', 'check_run', 'push'],
  };
}

export function serializeIssue(
  ctx: TwinContext,
  repo: RepoRecord,
  issue: IssueRecord,
): Record<string, unknown> {
  const api = apiUrl(ctx, `/repos/${repo.fullName}/issues/${issue.number}`);
  const commentCount = [...repo.comments.values()].filter((c) => c.issueNumber === issue.number).length;
  const pullPath = `/repos/${repo.fullName}/pulls/${issue.number}`;
  const pull = repo.pulls.get(issue.number);
  return {
    id: issue.id,
    node_id: nodeId('I', issue.id),
    url: api,
    repository_url: apiUrl(ctx, `/repos/${repo.fullName}`),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: htmlUrl(ctx, `/${repo.fullName}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`),
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: serializeUser(ctx, issue.user),
    labels: serializeLabels(ctx, repo, issue.labels),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: commentCount,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: associationOf(repo, issue.user),
    reactions: reactionRollup(api, issue.reactions),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: performedViaApp(ctx, issue.user),
    ...(issue.isPullRequest
      ? {
          draft: pull?.draft ?? false,
          pull_request: {
            url: apiUrl(ctx, pullPath),
            html_url: htmlUrl(ctx, `/${repo.fullName}/pull/${issue.number}`),
            diff_url: htmlUrl(ctx, `/${repo.fullName}/pull/${issue.number}.diff`),
            patch_url: htmlUrl(ctx, `/${repo.fullName}/pull/${issue.number}.patch`),
            merged_at: pull?.mergedAt ?? null,
          },
        }
      : {}),
  };
}

export function serializeComment(
  ctx: TwinContext,
  repo: RepoRecord,
  comment: CommentRecord,
): Record<string, unknown> {
  const api = apiUrl(ctx, `/repos/${repo.fullName}/issues/comments/${comment.id}`);
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: api,
    html_url: htmlUrl(ctx, `/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`),
    issue_url: apiUrl(ctx, `/repos/${repo.fullName}/issues/${comment.issueNumber}`),
    body: comment.bodies.at(-1) ?? '',
    user: serializeUser(ctx, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: associationOf(repo, comment.user),
    performed_via_github_app: performedViaApp(ctx, comment.user),
    reactions: reactionRollup(api, comment.reactions),
  };
}
