import { gitFor } from '../git/index.js';
import { resolveBase } from './resolve-base.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

/** Repo-relative paths touched by the commits on HEAD since it left `base` (deleted files included). */
export async function changedFiles(ws: Workspace, base: string): Promise<string[]> {
  const git = gitFor(ws.dir);
  return withWorkspaceError(`diff ${base}`, undefined, async () => {
    const ref = await resolveBase(git, base);
    const out = await git.raw(['diff', '--name-only', '--no-renames', '-z', `${ref}...HEAD`, '--']);
    return out.split('\0').filter(Boolean);
  });
}
