import { gitFor } from './git-for.js';
import { resolveBase } from './resolve-base.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

/**
 * Unified diff of the commits on HEAD since it left `base` (what a pull request would show).
 * External diff drivers and textconv filters from the untrusted repo are never run.
 */
export async function diffAgainst(ws: Workspace, base: string): Promise<string> {
  const git = gitFor(ws.dir);
  return withWorkspaceError(`diff ${base}`, undefined, async () => {
    const ref = await resolveBase(git, base);
    return git.raw(['diff', '--no-ext-diff', '--no-textconv', '--no-color', `${ref}...HEAD`, '--']);
  });
}
