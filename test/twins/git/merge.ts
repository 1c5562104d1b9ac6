import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from './run-git.js';

export interface MergeOptions {
  gitDir: string;
  base: string;
  head: string;
  message: string;
  author: { name: string; email: string };
}

/**
 * Makes a real `git merge --no-ff` of `head` into `base` inside the bare repository, through a temporary
 * worktree, and returns the merge commit's sha. Throws when the branches conflict.
 */
export async function mergeNoFastForward(options: MergeOptions): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'twin-merge-'));
  const worktree = join(parent, 'wt');
  const env = { GIT_AUTHOR_NAME: options.author.name, GIT_AUTHOR_EMAIL: options.author.email };
  try {
    await runGit(['worktree', 'add', '--quiet', worktree, options.base], { cwd: options.gitDir });
    await runGit(['merge', '--no-ff', '--quiet', '-m', options.message, options.head], {
      cwd: worktree,
      env,
    });
    const { stdout } = await runGit(['rev-parse', 'HEAD'], { cwd: worktree });
    return stdout.trim();
  } finally {
    await runGit(['worktree', 'remove', '--force', worktree], { cwd: options.gitDir, allowFailure: true });
    await rm(parent, { recursive: true, force: true });
    await runGit(['worktree', 'prune'], { cwd: options.gitDir, allowFailure: true });
  }
}
