import type { RefUpdate } from '../../git/smart-http.js';
import { commitsBetween } from '../../git/read-tree.js';
import type { TwinContext } from '../context.js';
import { now, type RepoRecord, type UserRecord } from '../state.js';
import { pushHook } from '../webhooks/push-payload.js';
import type { Emit } from '../webhooks/types.js';
import { synchronizeBranch } from './pulls.js';

/** Records ref updates a push (or a merge) made: a `push` webhook per ref, and synchronize for open PRs. */
export async function applyRefUpdates(
  ctx: TwinContext,
  repo: RepoRecord,
  updates: RefUpdate[],
  pusher: UserRecord,
  emit: Emit,
): Promise<void> {
  repo.pushedAt = now();
  for (const update of updates) {
    const commits = update.after ? await commitsBetween(repo.gitDir, update.before, update.after) : [];
    emit(pushHook(ctx, repo, { ...update, commits, pusher }));
    const branch = /^refs\/heads\/(.+)$/.exec(update.ref)?.[1];
    if (branch && update.after) synchronizeBranch(ctx, repo, branch, update.after, pusher, emit);
  }
}
