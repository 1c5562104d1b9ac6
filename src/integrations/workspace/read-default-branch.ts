import type { SimpleGit } from '../git/index.js';

/**
 * The remote's default branch right after a clone: where `origin/HEAD` points, or the branch
 * the clone checked out when the remote advertised no HEAD.
 */
export async function readDefaultBranch(git: SimpleGit): Promise<string> {
  const remoteHead = await git.raw([
    'rev-parse',
    '--abbrev-ref',
    '--verify',
    '--quiet',
    'refs/remotes/origin/HEAD',
  ]);
  const name = remoteHead.trim().replace(/^origin\//, '');
  if (name) return name;
  return (await git.revparse(['--abbrev-ref', 'HEAD'])).trim();
}
