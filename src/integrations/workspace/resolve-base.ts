import type { SimpleGit } from '../git/index.js';

/** `origin/<base>` when the remote has that branch (what a pull request compares with), else `base` itself. */
export async function resolveBase(git: SimpleGit, base: string): Promise<string> {
  const remoteRef = `refs/remotes/origin/${base}`;
  const found = await git.raw(['for-each-ref', '--format=%(refname)', remoteRef]);
  return found.trim() === remoteRef ? remoteRef : base;
}
