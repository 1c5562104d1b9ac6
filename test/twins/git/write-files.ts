import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A symbolic link committed as git stores one (mode 120000), e.g. `AGENTS.md -> /proc/self/environ`. */
export interface SymlinkEntry {
  symlinkTo: string;
}

/** Files of a commit by path: text content, or a symlink. */
export type RepoFiles = Record<string, string | SymlinkEntry>;

/** Writes `files` into a work tree, creating parent directories and links as given. */
export async function writeFiles(workTree: string, files: RepoFiles): Promise<void> {
  for (const [path, entry] of Object.entries(files)) {
    const target = join(workTree, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof entry === 'string') await writeFile(target, entry);
    else await symlink(entry.symlinkTo, target);
  }
}
