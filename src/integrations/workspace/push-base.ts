import { gitFor } from '../git/index.js';
import { resolveBase } from './resolve-base.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

/**
 * The commit a push of `branch` builds on: the remote branch as last fetched or pushed (a resumed run or a later
 * round), else where HEAD left the default branch. What lies between it and HEAD is what the push adds.
 */
export async function pushBase(ws: Workspace, branch: string): Promise<string> {
  const git = gitFor(ws.dir);
  return withWorkspaceError(`find the base of ${branch}`, undefined, async () => {
    const tracking = `refs/remotes/origin/${branch}`;
    const found = await git.raw(['for-each-ref', '--format=%(refname)', tracking]);
    if (found.trim() === tracking) return tracking;
    const base = await resolveBase(git, ws.defaultBranch);
    // merge-base prints nothing for unrelated histories (simple-git resolves that silent exit).
    return (await git.raw(['merge-base', base, 'HEAD'])).trim() || base;
  });
}
