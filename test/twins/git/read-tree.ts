import { runGit, runGitBuffer } from './run-git.js';

export interface TreeEntry {
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size: number;
  path: string;
}

export type PathContent =
  | { kind: 'file'; sha: string; content: Buffer; path: string }
  | { kind: 'dir'; path: string; entries: TreeEntry[] };

function parseLsTree(stdout: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^\d+ (blob|tree|commit) ([0-9a-f]+) +(-|\d+)\t(.*)$/.exec(line);
    if (!match) continue;
    const [, type, sha, size, path] = match;
    if (type !== 'blob' && type !== 'tree' && type !== 'commit') continue;
    entries.push({ type, sha: sha ?? '', size: size === '-' ? 0 : Number(size), path: path ?? '' });
  }
  return entries;
}

/** Reads a file or directory at `ref` (null when the path or ref does not exist). */
export async function readPath(gitDir: string, ref: string, path: string): Promise<PathContent | null> {
  const clean = path.replace(/^\/+|\/+$/g, '');
  const typeResult = await runGit(['cat-file', '-t', `${ref}:${clean}`], { cwd: gitDir, allowFailure: true });
  if (typeResult.code !== 0) return null;
  const type = typeResult.stdout.trim();
  if (type === 'tree') {
    const { stdout } = await runGit(['ls-tree', '-l', `${ref}:${clean}`], { cwd: gitDir });
    const entries = parseLsTree(stdout).map((e) => ({ ...e, path: clean ? `${clean}/${e.path}` : e.path }));
    return { kind: 'dir', path: clean, entries };
  }
  if (type !== 'blob') return null;
  const { stdout: sha } = await runGit(['rev-parse', `${ref}:${clean}`], { cwd: gitDir });
  const content = await runGitBuffer(['cat-file', 'blob', sha.trim()], gitDir);
  return { kind: 'file', sha: sha.trim(), content, path: clean };
}

export interface CommitSummary {
  sha: string;
  treeSha: string;
  message: string;
  timestamp: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
  added: string[];
  removed: string[];
  modified: string[];
}

async function changedFiles(
  gitDir: string,
  sha: string,
): Promise<Pick<CommitSummary, 'added' | 'removed' | 'modified'>> {
  const { stdout } = await runGit(['diff-tree', '--root', '--no-commit-id', '--name-status', '-r', sha], {
    cwd: gitDir,
  });
  const result = { added: [] as string[], removed: [] as string[], modified: [] as string[] };
  for (const line of stdout.split('\n')) {
    const [status, file] = line.split('\t');
    if (!status || !file) continue;
    if (status.startsWith('A')) result.added.push(file);
    else if (status.startsWith('D')) result.removed.push(file);
    else result.modified.push(file);
  }
  return result;
}

/** Commits reachable from `to` but not from `from` (oldest first), as a push webhook lists them. */
export async function commitsBetween(
  gitDir: string,
  from: string | null,
  to: string,
): Promise<CommitSummary[]> {
  const range = from ? [`${from}..${to}`] : [to, '--max-count=20'];
  const format = '%H%x1f%T%x1f%aI%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%B%x1e';
  const { stdout } = await runGit(['log', '--reverse', `--format=${format}`, ...range], { cwd: gitDir });
  const commits: CommitSummary[] = [];
  for (const record of stdout.split('\x1e')) {
    const fields = record.replace(/^\n/, '').split('\x1f');
    if (fields.length < 8) continue;
    const [sha = '', treeSha = '', timestamp = '', an = '', ae = '', cn = '', ce = '', message = ''] = fields;
    commits.push({
      sha,
      treeSha,
      timestamp,
      message: message.trim(),
      author: { name: an, email: ae },
      committer: { name: cn, email: ce },
      ...(await changedFiles(gitDir, sha)),
    });
  }
  return commits;
}
