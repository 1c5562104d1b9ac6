import type { CommitSummary } from '../../git/read-tree.js';
import { htmlUrl, type TwinContext } from '../context.js';
import { installationStub } from '../serializers/app.js';
import { serializeRepo } from '../serializers/repos.js';
import { serializeUser } from '../serializers/users.js';
import type { RepoRecord, UserRecord } from '../state.js';
import type { WebhookSend } from './types.js';

const ZERO = '0000000000000000000000000000000000000000';

function commitJson(ctx: TwinContext, repo: RepoRecord, commit: CommitSummary): Record<string, unknown> {
  return {
    id: commit.sha,
    tree_id: commit.treeSha,
    distinct: true,
    message: commit.message,
    timestamp: commit.timestamp,
    url: htmlUrl(ctx, `/${repo.fullName}/commit/${commit.sha}`),
    author: { ...commit.author, username: commit.author.name },
    committer: { ...commit.committer, username: commit.committer.name },
    added: commit.added,
    removed: commit.removed,
    modified: commit.modified,
  };
}

export interface PushHookInput {
  ref: string;
  before: string | null;
  after: string | null;
  commits: CommitSummary[];
  pusher: UserRecord;
}

/** A `push` webhook for one ref update, shaped like GitHub's (epoch seconds in the repository dates). */
export function pushHook(ctx: TwinContext, repo: RepoRecord, input: PushHookInput): WebhookSend {
  const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
  const repository = {
    ...serializeRepo(ctx, repo),
    created_at: seconds(repo.createdAt),
    pushed_at: seconds(repo.pushedAt),
    stargazers: 0,
    master_branch: repo.defaultBranch,
    custom_properties: {},
  };
  const commits = input.commits.map((c) => commitJson(ctx, repo, c));
  const before = input.before ?? ZERO;
  const after = input.after ?? ZERO;
  const payload: Record<string, unknown> = {
    ref: input.ref,
    before,
    after,
    created: input.before === null,
    deleted: input.after === null,
    forced: false,
    base_ref: null,
    compare: htmlUrl(ctx, `/${repo.fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`),
    commits,
    head_commit: commits.at(-1) ?? null,
    repository,
    pusher: {
      name: input.pusher.login,
      email: `${input.pusher.id}+${input.pusher.login.replace(/\[bot\]$/, '')}@users.noreply.github.com`,
    },
    sender: serializeUser(ctx, input.pusher),
    installation: installationStub(repo.installationId),
  };
  return { event: 'push', payload };
}
