import { resolveCommit } from '../../git/bare-repo.js';
import { commitFiles } from '../../git/commit-files.js';
import type { TwinCore } from '../core.js';
import { getCheckRun, rerequestCheckRun as rerequest } from '../domain/checks.js';
import { createPull, getPull, mergePull } from '../domain/pulls.js';
import { applyRefUpdates } from '../domain/push.js';
import { createReviewComment, getReviewComment, submitReview as submit } from '../domain/reviews.js';
import type { DeliveryResult } from '../webhooks/types.js';
import { onlyDelivery, userOf, withWebhooks } from './collect.js';

function noreplyEmail(login: string, id: number): string {
  return `${id}+${login.replace(/\[bot\]$/, '')}@users.noreply.github.com`;
}

export interface CommitFilesInput {
  branch: string;
  files: Record<string, string>;
  message: string;
  by: string;
}

/** Commits straight to a branch (as a push would), sending push and pull_request.synchronize webhooks. */
export async function commitFilesToBranch(
  core: TwinCore,
  fullName: string,
  input: CommitFilesInput,
): Promise<{ sha: string; deliveries: DeliveryResult[] }> {
  const repo = core.ctx.state.repo(fullName);
  const user = userOf(core, input.by);
  const before = await resolveCommit(repo.gitDir, `refs/heads/${input.branch}`);
  const sha = await commitFiles({
    gitDir: repo.gitDir,
    branch: input.branch,
    startPoint: repo.defaultBranch,
    files: input.files,
    message: input.message,
    author: { name: user.login, email: noreplyEmail(user.login, user.id) },
  });
  const { deliveries } = await withWebhooks(core, (emit) =>
    applyRefUpdates(core.ctx, repo, [{ ref: `refs/heads/${input.branch}`, before, after: sha }], user, emit),
  );
  return { sha, deliveries };
}

export interface OpenPullRequestInput {
  head: string;
  base?: string;
  title: string;
  body?: string;
  draft?: boolean;
  by: string;
}

export async function openPullRequest(
  core: TwinCore,
  fullName: string,
  input: OpenPullRequestInput,
): Promise<{ number: number; delivery: DeliveryResult }> {
  const repo = core.ctx.state.repo(fullName);
  const { result, deliveries } = await withWebhooks(core, (emit) =>
    createPull(
      core.ctx,
      repo,
      {
        title: input.title,
        body: input.body ?? null,
        head: input.head,
        base: input.base ?? repo.defaultBranch,
        draft: input.draft ?? false,
        user: userOf(core, input.by),
      },
      emit,
    ),
  );
  return { number: result.number, delivery: onlyDelivery(deliveries) };
}

/** Merges with a real `git merge --no-ff`; GitHub sends pull_request.closed (merged) and a push of the base. */
export async function mergePullRequest(
  core: TwinCore,
  fullName: string,
  number: number,
  options: { by: string },
): Promise<{ sha: string; deliveries: DeliveryResult[] }> {
  const repo = core.ctx.state.repo(fullName);
  const pull = getPull(repo, number);
  const user = userOf(core, options.by);
  const baseRef = `refs/heads/${pull.base.ref}`;
  const before = await resolveCommit(repo.gitDir, baseRef);
  const { result, deliveries } = await withWebhooks(core, async (emit) => {
    const sha = await mergePull(core.ctx, repo, pull, user, emit);
    await applyRefUpdates(core.ctx, repo, [{ ref: baseRef, before, after: sha }], user, emit);
    return sha;
  });
  return { sha: result, deliveries };
}

export interface SubmitReviewInput {
  by: string;
  state: 'CHANGES_REQUESTED' | 'APPROVED' | 'COMMENTED';
  body: string;
}

export async function submitReview(
  core: TwinCore,
  fullName: string,
  prNumber: number,
  input: SubmitReviewInput,
): Promise<{ id: number; delivery: DeliveryResult }> {
  const repo = core.ctx.state.repo(fullName);
  const pull = getPull(repo, prNumber);
  const { result, deliveries } = await withWebhooks(core, (emit) =>
    submit(
      core.ctx,
      repo,
      pull,
      { user: userOf(core, input.by), state: input.state, body: input.body },
      emit,
    ),
  );
  return { id: result.id, delivery: onlyDelivery(deliveries) };
}

export interface PostReviewCommentInput {
  by: string;
  path: string;
  line: number;
  body: string;
  /** Id of the review comment this one answers. */
  inReplyTo?: number;
}

export async function postReviewComment(
  core: TwinCore,
  fullName: string,
  prNumber: number,
  input: PostReviewCommentInput,
): Promise<{ id: number; delivery: DeliveryResult }> {
  const repo = core.ctx.state.repo(fullName);
  const pull = getPull(repo, prNumber);
  const parent =
    input.inReplyTo === undefined ? undefined : getReviewComment(repo, input.inReplyTo, prNumber);
  const { result, deliveries } = await withWebhooks(core, (emit) =>
    createReviewComment(
      core.ctx,
      repo,
      pull,
      {
        user: userOf(core, input.by),
        path: input.path,
        line: input.line,
        body: input.body,
        inReplyTo: parent,
      },
      emit,
    ),
  );
  return { id: result.id, delivery: onlyDelivery(deliveries) };
}

export async function rerequestCheckRun(
  core: TwinCore,
  fullName: string,
  checkRunId: number,
  options: { by: string },
): Promise<DeliveryResult> {
  const repo = core.ctx.state.repo(fullName);
  const run = getCheckRun(repo, checkRunId);
  const { deliveries } = await withWebhooks(core, (emit) =>
    rerequest(core.ctx, repo, run, userOf(core, options.by), emit),
  );
  return onlyDelivery(deliveries);
}
