import { posix } from 'node:path';
import { gitFor } from '../git/index.js';
import type { ChangedPath } from './list-changes.js';
import type { PathPolicy } from './path-policy.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

/** A changed path that may not be committed, and why, in words for the agent and the status comment. */
export interface PathRefusal {
  path: string;
  change: ChangedPath['change'];
  /** The refusing glob, or `symlink` / `submodule` for entries refused by their kind. */
  rule: string;
  reason: string;
}

const SYMLINK = '120000';
const SUBMODULE = '160000';

/**
 * The changes the policy refuses: any path it does not allow (both sides of a rename arrive as two paths), a
 * symlink pointing outside the repository (absolute or climbing out), and a nested repository (a submodule
 * entry, which would pull in code nobody reviewed).
 */
export async function refusedChanges(
  ws: Workspace,
  changes: readonly ChangedPath[],
  policy: PathPolicy,
): Promise<PathRefusal[]> {
  const refused: PathRefusal[] = [];
  for (const change of changes) {
    const rule = policy(change.path);
    if (rule) {
      refused.push({ path: change.path, change: change.change, rule: rule.glob, reason: rule.reason });
    } else if (change.newMode === SUBMODULE) {
      refused.push({
        path: change.path,
        change: change.change,
        rule: 'submodule',
        reason: 'it is a nested Git repository (a submodule entry), which the pipeline never commits',
      });
    } else if (change.newMode === SYMLINK && leavesRepository(change.path, await blobText(ws, change))) {
      refused.push({
        path: change.path,
        change: change.change,
        rule: 'symlink',
        reason: 'it is a symlink that points outside the repository',
      });
    }
  }
  return refused;
}

function blobText(ws: Workspace, change: ChangedPath): Promise<string> {
  return withWorkspaceError(`read ${change.newBlob}`, undefined, () =>
    gitFor(ws.dir).raw(['cat-file', 'blob', change.newBlob]),
  );
}

function leavesRepository(linkPath: string, target: string): boolean {
  if (target === '' || posix.isAbsolute(target)) return true;
  const resolved = posix.normalize(posix.join(posix.dirname(linkPath), target));
  return resolved === '..' || resolved.startsWith('../');
}
