import { gitFor } from '../git/index.js';
import type { Workspace } from './types.js';
import { withWorkspaceError } from './workspace-error.js';

/** One path a change adds, modifies, deletes or turns into another kind of entry (file, symlink, submodule). */
export interface ChangedPath {
  /** Repo-relative, posix separators, exactly as Git stores it. */
  path: string;
  change: 'added' | 'modified' | 'deleted' | 'type changed';
  /** Git's mode of the new entry (`100644`, `100755`, `120000` symlink, `160000` submodule); `000000` when deleted. */
  newMode: string;
  /** The new blob's SHA (all zeros when deleted). */
  newBlob: string;
}

const CHANGE: Record<string, ChangedPath['change']> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  T: 'type changed',
};

/**
 * Every path that differs from `base`: with `staged`, the whole working tree is staged first (new, changed and
 * deleted files, whoever wrote them) and the index is compared, so what the next commit would hold is listed;
 * without it, the commits on HEAD are. Renames are listed as a deletion and an addition, so both sides are seen.
 */
export async function listChanges(
  ws: Workspace,
  base: string,
  { staged }: { staged: boolean },
): Promise<ChangedPath[]> {
  const git = gitFor(ws.dir);
  return withWorkspaceError(`list changes since ${base}`, undefined, async () => {
    if (staged) await git.raw(['add', '--all']);
    const range = staged ? ['--cached', base] : [base, 'HEAD'];
    const out = await git.raw(['diff', '--raw', '-z', '--no-renames', '--no-abbrev', ...range, '--']);
    return parseRaw(out);
  });
}

/** `:<old mode> <new mode> <old sha> <new sha> <status>\0<path>\0`, repeated (`git diff --raw -z`). */
function parseRaw(out: string): ChangedPath[] {
  const fields = out.split('\0');
  const changes: ChangedPath[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, newMode = '', , newBlob = '', status = ''] = (fields[i] ?? '').slice(1).split(' ');
    const path = fields[i + 1] ?? '';
    if (!path) continue;
    changes.push({ path, change: CHANGE[status.charAt(0)] ?? 'modified', newMode, newBlob });
  }
  return changes;
}
