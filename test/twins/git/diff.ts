import { runGitBuffer } from './run-git.js';

/**
 * The unified diff a pull request shows: what `head` changed since it left `base` (`git diff base...head`,
 * from their merge base, as GitHub computes it), with full index lines and rename detection.
 */
export function diffSinceMergeBase(gitDir: string, base: string, head: string): Promise<Buffer> {
  return runGitBuffer(['diff', '--full-index', '--find-renames', '--no-color', `${base}...${head}`], gitDir);
}
