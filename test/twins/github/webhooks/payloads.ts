import { apiUrl, nodeId, type TwinContext } from '../context.js';
import { installationStub, serializeInstallation } from '../serializers/app.js';
import { serializeWebhookCheckRun } from '../serializers/checks.js';
import { serializeComment, serializeIssue, serializeLabel } from '../serializers/issues.js';
import { serializePull } from '../serializers/pulls.js';
import { serializeRepo } from '../serializers/repos.js';
import { serializeReviewComment, serializeWebhookReview } from '../serializers/reviews.js';
import { serializeUser } from '../serializers/users.js';
import type {
  CheckRunRecord,
  CommentRecord,
  InstallationRecord,
  IssueRecord,
  LabelRecord,
  PullRecord,
  RepoRecord,
  ReviewCommentRecord,
  ReviewRecord,
  UserRecord,
} from '../state.js';
import type { WebhookSend } from './types.js';

function envelope(ctx: TwinContext, repo: RepoRecord, sender: UserRecord): Record<string, unknown> {
  return {
    repository: serializeRepo(ctx, repo),
    sender: serializeUser(ctx, sender),
    installation: installationStub(repo.installationId),
  };
}

export function issuesHook(
  ctx: TwinContext,
  repo: RepoRecord,
  issue: IssueRecord,
  action: 'opened' | 'labeled' | 'unlabeled' | 'closed' | 'reopened' | 'edited',
  sender: UserRecord,
  label?: LabelRecord,
): WebhookSend {
  const payload: Record<string, unknown> = {
    action,
    issue: serializeIssue(ctx, repo, issue),
    ...(label ? { label: serializeLabel(ctx, repo, label) } : {}),
    ...(action === 'edited' ? { changes: {} } : {}),
    ...envelope(ctx, repo, sender),
  };
  return { event: 'issues', payload };
}

export function issueCommentHook(
  ctx: TwinContext,
  repo: RepoRecord,
  issue: IssueRecord,
  comment: CommentRecord,
  action: 'created' | 'edited',
  sender: UserRecord,
): WebhookSend {
  const previous = comment.bodies.at(-2);
  const payload: Record<string, unknown> = {
    action,
    issue: serializeIssue(ctx, repo, issue),
    comment: serializeComment(ctx, repo, comment),
    ...(action === 'edited' ? { changes: previous === undefined ? {} : { body: { from: previous } } } : {}),
    ...envelope(ctx, repo, sender),
  };
  return { event: 'issue_comment', payload };
}

export type PullAction =
  'opened' | 'synchronize' | 'ready_for_review' | 'converted_to_draft' | 'closed' | 'edited';

export function pullRequestHook(
  ctx: TwinContext,
  repo: RepoRecord,
  pull: PullRecord,
  action: PullAction,
  sender: UserRecord,
  shas?: { before: string; after: string },
): WebhookSend {
  const payload: Record<string, unknown> = {
    action,
    number: pull.number,
    pull_request: serializePull(ctx, repo, pull),
    ...(shas ?? {}),
    ...(action === 'edited' ? { changes: {} } : {}),
    ...envelope(ctx, repo, sender),
  };
  return { event: 'pull_request', payload };
}

export function reviewHook(
  ctx: TwinContext,
  repo: RepoRecord,
  pull: PullRecord,
  review: ReviewRecord,
  sender: UserRecord,
): WebhookSend {
  const payload: Record<string, unknown> = {
    action: 'submitted',
    review: serializeWebhookReview(ctx, repo, review),
    pull_request: serializePull(ctx, repo, pull),
    ...envelope(ctx, repo, sender),
  };
  return { event: 'pull_request_review', payload };
}

export function reviewCommentHook(
  ctx: TwinContext,
  repo: RepoRecord,
  pull: PullRecord,
  comment: ReviewCommentRecord,
  sender: UserRecord,
): WebhookSend {
  const payload: Record<string, unknown> = {
    action: 'created',
    comment: serializeReviewComment(ctx, repo, comment),
    pull_request: serializePull(ctx, repo, pull),
    ...envelope(ctx, repo, sender),
  };
  return { event: 'pull_request_review_comment', payload };
}

export function checkRunHook(
  ctx: TwinContext,
  repo: RepoRecord,
  run: CheckRunRecord,
  action: 'created' | 'completed' | 'rerequested',
  sender: UserRecord,
): WebhookSend {
  const payload: Record<string, unknown> = {
    action,
    check_run: serializeWebhookCheckRun(ctx, repo, run),
    ...envelope(ctx, repo, sender),
  };
  return { event: 'check_run', payload };
}

export function installationCreatedHook(
  ctx: TwinContext,
  installation: InstallationRecord,
  repos: RepoRecord[],
  sender: UserRecord,
): WebhookSend {
  const payload: Record<string, unknown> = {
    action: 'created',
    installation: serializeInstallation(ctx, installation),
    repositories: repos.map((r) => ({
      id: r.id,
      node_id: serializeRepo(ctx, r)['node_id'],
      name: r.name,
      full_name: r.fullName,
      private: r.private,
    })),
    requester: null,
    sender: serializeUser(ctx, sender),
  };
  return { event: 'installation', payload };
}

/** `member`: a collaborator added to, removed from, or given another role on a repository. */
export function memberHook(
  ctx: TwinContext,
  repo: RepoRecord,
  member: UserRecord,
  change: { action: 'added' | 'removed' | 'edited'; from: string; to: string },
  sender: UserRecord,
): WebhookSend {
  const payload: Record<string, unknown> = {
    action: change.action,
    member: serializeUser(ctx, member),
    ...(change.action === 'edited' ? { changes: { permission: { from: change.from, to: change.to } } } : {}),
    ...envelope(ctx, repo, sender),
  };
  return { event: 'member', payload };
}

/** `organization.member_removed`: a person left (or was removed from) an organization. */
export function organizationMemberRemovedHook(
  ctx: TwinContext,
  organization: UserRecord,
  member: UserRecord,
  installationId: number,
  sender: UserRecord,
): WebhookSend {
  const org = apiUrl(ctx, `/orgs/${encodeURIComponent(organization.login)}`);
  const payload: Record<string, unknown> = {
    action: 'member_removed',
    membership: {
      url: `${org}/memberships/${encodeURIComponent(member.login)}`,
      state: 'active',
      role: 'member',
      organization_url: org,
      user: serializeUser(ctx, member),
    },
    organization: {
      login: organization.login,
      id: organization.id,
      node_id: nodeId('O', organization.id),
      url: org,
      repos_url: `${org}/repos`,
      events_url: `${org}/events`,
      hooks_url: `${org}/hooks`,
      issues_url: `${org}/issues`,
      members_url: `${org}/members{/member}`,
      public_members_url: `${org}/public_members{/member}`,
      avatar_url: `${ctx.baseUrl}/avatars/u/${organization.id}?v=4`,
      description: null,
    },
    sender: serializeUser(ctx, sender),
    installation: installationStub(installationId),
  };
  return { event: 'organization', payload };
}
