import { gitFor } from '../git/index.js';
import { listChanges } from './list-changes.js';
import type { PathPolicy } from './path-policy.js';
import { ProtectedPathError } from './protected-path-error.js';
import { pushBase } from './push-base.js';
import { refusedChanges } from './refused-changes.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

export interface PushOptions {
  token: string;
  /** What the pushed commits may change; a refused path stops the push (ProtectedPathError). */
  policy: PathPolicy;
  /** Overwrite the remote branch, but only if it is where we last saw it (`--force-with-lease`). */
  force?: boolean;
}

/**
 * Pushes local `branch` to the same name on origin, after checking every path its new commits change against
 * the policy: whatever wrote a file (an agent's file tool, a sandboxed command, a test run), nothing the policy
 * refuses leaves the workspace.
 */
export async function push(
  ws: Workspace,
  branch: string,
  { token, policy, force = false }: PushOptions,
): Promise<void> {
  const refused = await refusedChanges(
    ws,
    await listChanges(ws, await pushBase(ws, branch), { staged: false }),
    policy,
  );
  if (refused.length > 0) throw new ProtectedPathError(refused);
  const args = ['push', '--no-verify', '--porcelain'];
  if (force) args.push('--force-with-lease');
  args.push('origin', `refs/heads/${branch}:refs/heads/${branch}`);
  await withWorkspaceError(`push ${branch}`, token, () => gitFor(ws.dir, { token }).raw(args));
}
