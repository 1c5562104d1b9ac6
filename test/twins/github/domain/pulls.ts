import { resolveCommit } from '../../git/bare-repo.js';
import { mergeNoFastForward } from '../../git/merge.js';
import { nodeId, type TwinContext } from '../context.js';
import { now, type PullRecord, type RepoRecord, type UserRecord } from '../state.js';
import { pullRequestHook } from '../webhooks/payloads.js';
import type { Emit } from '../webhooks/types.js';
import { notFound, TwinHttpError } from './errors.js';
import { getIssue, openIssue } from './issues.js';

export function getPull(repo: RepoRecord, number: number): PullRecord {
  const pull = repo.pulls.get(number);
  if (!pull) throw notFound();
  return pull;
}

export interface CreatePullInput {
  title: string;
  body: string | null;
  head: string;
  base: string;
  draft: boolean;
  user: UserRecord;
}

function branchName(repo: RepoRecord, head: string): string {
  const colon = head.indexOf(':');
  if (colon < 0) return head;
  if (head.slice(0, colon).toLowerCase() !== repo.owner.login.toLowerCase()) {
    throw new TwinHttpError(422, 'Validation Failed', [
      { resource: 'PullRequest', field: 'head', code: 'invalid' },
    ]);
  }
  return head.slice(colon + 1);
}

export async function createPull(
  ctx: TwinContext,
  repo: RepoRecord,
  input: CreatePullInput,
  emit: Emit,
): Promise<PullRecord> {
  const headRef = branchName(repo, input.head);
  const headSha = await resolveCommit(repo.gitDir, `refs/heads/${headRef}`);
  const baseSha = await resolveCommit(repo.gitDir, `refs/heads/${input.base}`);
  if (!headSha || !baseSha) {
    const field = headSha ? 'base' : 'head';
    throw new TwinHttpError(422, 'Validation Failed', [{ resource: 'PullRequest', field, code: 'invalid' }]);
  }
  const duplicate = [...repo.pulls.values()].find(
    (p) => p.head.ref === headRef && p.base.ref === input.base && repo.issues.get(p.number)?.state === 'open',
  );
  if (duplicate) {
    throw new TwinHttpError(422, 'Validation Failed', [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner.login}:${headRef}.`,
      },
    ]);
  }
  const issue = openIssue(
    ctx,
    repo,
    { title: input.title, body: input.body, user: input.user, isPullRequest: true },
    emit,
  );
  const pull: PullRecord = {
    id: ctx.state.ids.next('pull', 500_000),
    number: issue.number,
    head: { ref: headRef, sha: headSha },
    base: { ref: input.base, sha: baseSha },
    draft: input.draft,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    maintainerCanModify: false,
  };
  repo.pulls.set(pull.number, pull);
  ctx.state.pullNodeIds.set(nodeId('PR', pull.id), { fullName: repo.fullName, number: pull.number });
  emit(pullRequestHook(ctx, repo, pull, 'opened', input.user));
  return pull;
}

export interface UpdatePullInput {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  base?: string;
}

export function updatePull(
  ctx: TwinContext,
  repo: RepoRecord,
  pull: PullRecord,
  input: UpdatePullInput,
  by: UserRecord,
  emit: Emit,
): PullRecord {
  const issue = getIssue(repo, pull.number);
  const at = now();
  if (input.title !== undefined) issue.title = input.title;
  if (input.body !== undefined) issue.body = input.body;
  if (input.base !== undefined) pull.base.ref = input.base;
  issue.updatedAt = at;
  if (input.title !== undefined || input.body !== undefined)
    emit(pullRequestHook(ctx, repo, pull, 'edited', by));
  if (input.state && input.state !== issue.state && !pull.merged) {
    issue.state = input.state;
    issue.closedAt = input.state === 'closed' ? at : null;
    if (input.state === 'closed') emit(pullRequestHook(ctx, repo, pull, 'closed', by));
  }
  return pull;
}

export function setDraft(
  ctx: TwinContext,
  repo: RepoRecord,
  pull: PullRecord,
  draft: boolean,
  by: UserRecord,
  emit: Emit,
): void {
  if (pull.draft === draft) return;
  pull.draft = draft;
  getIssue(repo, pull.number).updatedAt = now();
  emit(pullRequestHook(ctx, repo, pull, draft ? 'converted_to_draft' : 'ready_for_review', by));
}

/** Merges with a real `git merge --no-ff` into the base branch, then closes the pull request as merged. */
export async function mergePull(
  ctx: TwinContext,
  repo: RepoRecord,
  pull: PullRecord,
  by: UserRecord,
  emit: Emit,
  message?: string,
): Promise<string> {
  const issue = getIssue(repo, pull.number);
  if (pull.merged || issue.state !== 'open') throw new TwinHttpError(405, 'Pull Request is not mergeable');
  const sha = await mergeNoFastForward({
    gitDir: repo.gitDir,
    base: pull.base.ref,
    head: pull.head.sha,
    message:
      message ??
      `Merge pull request #${pull.number} from ${repo.owner.login}/${pull.head.ref}\n\n${issue.title}`,
    author: {
      name: by.login,
      email: `${by.id}+${by.login.replace(/\[bot\]$/, '')}@users.noreply.github.com`,
    },
  });
  const at = now();
  pull.merged = true;
  pull.mergedAt = at;
  pull.mergedBy = by;
  pull.mergeCommitSha = sha;
  issue.state = 'closed';
  issue.closedAt = at;
  issue.updatedAt = at;
  repo.pushedAt = at;
  emit(pullRequestHook(ctx, repo, pull, 'closed', by));
  return sha;
}

/** Moves open pull requests whose head branch was pushed to the new sha (`pull_request.synchronize`). */
export function synchronizeBranch(
  ctx: TwinContext,
  repo: RepoRecord,
  branch: string,
  after: string,
  by: UserRecord,
  emit: Emit,
): void {
  for (const pull of repo.pulls.values()) {
    if (pull.head.ref !== branch || repo.issues.get(pull.number)?.state !== 'open') continue;
    const before = pull.head.sha;
    if (before === after) continue;
    pull.head.sha = after;
    getIssue(repo, pull.number).updatedAt = now();
    emit(pullRequestHook(ctx, repo, pull, 'synchronize', by, { before, after }));
  }
}
