import { gitFor } from './git-for.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

export interface PushOptions {
  token: string;
  /** Overwrite the remote branch, but only if it is where we last saw it (`--force-with-lease`). */
  force?: boolean;
}

/** Pushes local `branch` to the same name on origin. */
export async function push(
  ws: Workspace,
  branch: string,
  { token, force = false }: PushOptions,
): Promise<void> {
  const args = ['push', '--no-verify', '--porcelain'];
  if (force) args.push('--force-with-lease');
  args.push('origin', `refs/heads/${branch}:refs/heads/${branch}`);
  await withWorkspaceError(`push ${branch}`, token, () => gitFor(ws.dir, { token }).raw(args));
}
