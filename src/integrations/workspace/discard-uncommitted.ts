import { gitFor } from '../git/index.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

/**
 * Puts the working tree back to HEAD: tracked files as committed, untracked files removed. Ignored files
 * (installed dependencies, build caches) stay, so the next setup command is quick. Resolves to the paths that
 * were put back or removed, for the run's timeline.
 *
 * Why: every change the development agent makes is committed at the end of its step, so anything left in the
 * tree when the next step starts was made by a command — the test step's setup (`npm install` writing a
 * `package-lock.json` the repository does not have), a test writing snapshots or reports — or by an agent
 * attempt that a crash cut short. Committing it with the next round's work would put files nobody asked for
 * into the pull request.
 */
export async function discardUncommitted(ws: Workspace): Promise<string[]> {
  const git = gitFor(ws.dir);
  return withWorkspaceError('discard uncommitted changes', undefined, async () => {
    const status = await git.raw(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
    const paths = status
      .split('\0')
      .filter(Boolean)
      .map((entry) => entry.slice(3));
    if (paths.length === 0) return [];
    await git.raw(['reset', '--hard', '--quiet', 'HEAD']);
    // -d: whole untracked directories; no -x: ignored files stay.
    await git.raw(['clean', '-f', '-d', '--quiet']);
    return paths;
  });
}
