import type { SimpleGit } from '../git/index.js';
import { gitFor } from '../git/index.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';
import { tokenOf } from './workspace-token.js';

export interface CheckoutBranchOptions {
  /** When the remote already has this branch (a resumed run), continue from it instead of HEAD. */
  fromRemoteIfExists?: boolean;
  /** A fresher token than the one the workspace was cloned with. */
  token?: string;
}

/**
 * Switches the workspace to branch `name`: the remote's copy when it exists and
 * `fromRemoteIfExists` is set (local commits that already build on it are kept), otherwise a
 * new branch at the current HEAD. Resolves to whether an existing remote branch was reused.
 */
export async function checkoutBranch(
  ws: Workspace,
  name: string,
  { fromRemoteIfExists = true, token = tokenOf(ws) }: CheckoutBranchOptions = {},
): Promise<{ reused: boolean }> {
  const git = gitFor(ws.dir, { token });
  return withWorkspaceError(`checkout ${name}`, token, async () => {
    await git.raw(['check-ref-format', '--branch', name]);
    const remote = fromRemoteIfExists
      ? await git.raw(['ls-remote', '--heads', 'origin', `refs/heads/${name}`])
      : '';
    if (!remote.trim()) {
      if (await hasLocalBranch(git, name)) await git.raw(['checkout', name]);
      else await git.raw(['checkout', '-b', name]);
      return { reused: false };
    }
    const tracking = `refs/remotes/origin/${name}`;
    await git.raw(['fetch', '--no-tags', 'origin', `+refs/heads/${name}:${tracking}`]);
    if ((await hasLocalBranch(git, name)) && (await isAncestor(git, tracking, `refs/heads/${name}`))) {
      await git.raw(['checkout', name]);
    } else {
      await git.raw(['checkout', '-B', name, '--track', tracking]);
    }
    return { reused: true };
  });
}

async function hasLocalBranch(git: SimpleGit, name: string): Promise<boolean> {
  const ref = `refs/heads/${name}`;
  return (await git.raw(['for-each-ref', '--format=%(refname)', ref])).trim() === ref;
}

async function isAncestor(git: SimpleGit, ancestor: string, descendant: string): Promise<boolean> {
  // Unrelated histories: merge-base prints nothing (simple-git resolves a silent non-zero exit).
  const base = (await git.raw(['merge-base', ancestor, descendant])).trim();
  const tip = (await git.revparse([ancestor])).trim();
  return base === tip;
}
