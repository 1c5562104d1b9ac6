import { gitFor } from '../git/index.js';
import type { GitAuthor, Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

export interface CommitAllInput {
  message: string;
  /** Used as both author and committer. */
  author: GitAuthor;
}

/** Stages every change (new, modified, deleted) and commits it. Resolves to the new SHA, or null when nothing changed. */
export async function commitAll(ws: Workspace, { message, author }: CommitAllInput): Promise<string | null> {
  const git = gitFor(ws.dir, {
    config: [
      ['user.name', author.name],
      ['user.email', author.email],
    ],
  });
  return withWorkspaceError('commit', undefined, async () => {
    await git.raw(['add', '--all']);
    const staged = await git.raw(['diff', '--cached', '--name-only']);
    if (!staged.trim()) return null;
    await git.raw(['commit', '--no-verify', '--quiet', '-m', message]);
    return (await git.revparse(['HEAD'])).trim();
  });
}
