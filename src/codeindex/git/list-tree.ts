import { gitOutput } from '../../integrations/git/index.js';

/** A tracked regular file at a commit. */
export interface TreeEntry {
  path: string;
  blobSha: string;
  size: number;
}

/**
 * The regular files tracked at `commit` (`git ls-tree -r -l -z`), so ignored and untracked files never
 * appear. Symlinks and submodules are left out.
 */
export async function listTree(repoDir: string, commit: string): Promise<TreeEntry[]> {
  const out = await gitOutput(repoDir, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit]);
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha, size] = record.slice(0, tab).split(/\s+/);
    if (type !== 'blob' || mode === '120000' || !sha) continue;
    entries.push({ path: record.slice(tab + 1), blobSha: sha, size: Number(size) });
  }
  return entries;
}
