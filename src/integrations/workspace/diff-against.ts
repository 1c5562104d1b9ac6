import { gitFor } from '../git/index.js';
import { resolveBase } from './resolve-base.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

/**
 * Unified diff of the commits on HEAD since it left `base` (what a pull request would show), for the secret
 * scan. Every file is diffed as text (`--text`), so neither a NUL byte nor a `.gitattributes` line (`-diff`,
 * `binary`, a custom driver) turns a file into an unscanned "Binary files differ"; external diff drivers and
 * textconv filters from the untrusted repo are never run, and the prefixes are fixed whatever the config says.
 */
export async function diffAgainst(ws: Workspace, base: string): Promise<string> {
  const git = gitFor(ws.dir);
  return withWorkspaceError(`diff ${base}`, undefined, async () => {
    const ref = await resolveBase(git, base);
    return git.raw([
      'diff',
      '--text',
      '--no-ext-diff',
      '--no-textconv',
      '--no-color',
      '--no-relative',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      `${ref}...HEAD`,
      '--',
    ]);
  });
}
