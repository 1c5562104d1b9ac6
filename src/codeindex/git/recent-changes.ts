import { gitOutput } from '../../integrations/git/index.js';

/** How far back the change history looks: enough to tell often-fixed files from quiet ones, cheap to read. */
export const HISTORY_COMMITS = 500;

/**
 * How many of the last `commits` non-merge commits up to `commit` touched each path. A shallow clone
 * gives what it has (often one commit touching everything: no file stands out, which is the honest
 * answer).
 */
export async function recentChanges(
  repoDir: string,
  commit: string,
  commits = HISTORY_COMMITS,
): Promise<Map<string, number>> {
  const out = await gitOutput(repoDir, [
    'log',
    '--no-merges',
    '--format=',
    '--name-only',
    '-z',
    '-n',
    String(commits),
    commit,
  ]);
  const counts = new Map<string, number>();
  for (const path of out.split('\0')) {
    const trimmed = path.replace(/^\n+/, '');
    if (trimmed) counts.set(trimmed, (counts.get(trimmed) ?? 0) + 1);
  }
  return counts;
}
