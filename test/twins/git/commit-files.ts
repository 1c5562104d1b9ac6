import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGit } from './run-git.js';

export interface CommitFilesOptions {
  gitDir: string;
  branch: string;
  /** Branch to start from when `branch` does not exist yet. */
  startPoint: string;
  files: Record<string, string>;
  message: string;
  author: { name: string; email: string };
}

/** Commits files onto a branch of a bare repository (creating the branch if needed); returns the new sha. */
export async function commitFiles(options: CommitFilesOptions): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'twin-commit-'));
  const worktree = join(parent, 'wt');
  const env = { GIT_AUTHOR_NAME: options.author.name, GIT_AUTHOR_EMAIL: options.author.email };
  try {
    const exists = await runGit(['rev-parse', '--verify', '--quiet', `refs/heads/${options.branch}`], {
      cwd: options.gitDir,
      allowFailure: true,
    });
    const args =
      exists.code === 0 ? [worktree, options.branch] : ['-b', options.branch, worktree, options.startPoint];
    await runGit(['worktree', 'add', '--quiet', ...args], { cwd: options.gitDir });
    for (const [path, content] of Object.entries(options.files)) {
      await mkdir(dirname(join(worktree, path)), { recursive: true });
      await writeFile(join(worktree, path), content);
    }
    await runGit(['add', '--all'], { cwd: worktree });
    await runGit(['commit', '--quiet', '--allow-empty', '-m', options.message], { cwd: worktree, env });
    const { stdout } = await runGit(['rev-parse', 'HEAD'], { cwd: worktree });
    return stdout.trim();
  } finally {
    await runGit(['worktree', 'remove', '--force', worktree], { cwd: options.gitDir, allowFailure: true });
    await rm(parent, { recursive: true, force: true });
    await runGit(['worktree', 'prune'], { cwd: options.gitDir, allowFailure: true });
  }
}
