import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readlink, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { WorkspaceFileError } from './workspace-file-error.js';

/**
 * Never follow a link in the last component, never wait for a writer on a FIFO (or a carrier on a
 * device), never make a terminal ours. A regular file opens the same with or without these flags.
 */
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;
/** No O_TRUNC: the file is truncated only after it is known to be the regular file that was checked. */
const WRITE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;

export interface OpenedWorkspaceFile {
  handle: FileHandle;
  /** fstat of the open descriptor: always a regular file. */
  stats: Stats;
  /** False when a write created the file. */
  existed: boolean;
}

/** What a non-regular entry is, in words. */
function describeType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errnoOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** `relative` as path segments, refusing absolute paths, `..` escapes and NUL bytes. */
function segmentsOf(relative: string): string[] {
  const normalized = path.posix.normalize(relative.split(path.sep).join('/'));
  const escapes = normalized === '..' || normalized.startsWith('../') || path.posix.isAbsolute(normalized);
  if (normalized === '.' && !relative.includes('\0')) {
    throw new WorkspaceFileError(
      'directory',
      relative,
      `${relative || '.'} is the workspace root, a directory`,
    );
  }
  if (relative.includes('\0') || escapes) {
    throw new WorkspaceFileError('outside', relative, `${relative} is not a file path inside the workspace`);
  }
  return normalized.split('/');
}

/**
 * Walks the path from the workspace root with lstat, so no component is ever followed: a symlink
 * anywhere is refused, and so is a final entry that is not a regular file. Returns the final entry's
 * lstat, or undefined when it (or a parent directory) does not exist.
 */
async function walk(root: string, relative: string, segments: string[]): Promise<Stats | undefined> {
  let current = root;
  for (const [index, segment] of segments.entries()) {
    current = path.join(current, segment);
    const stats = await lstat(current).catch((error: unknown) => {
      if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return undefined;
      throw error;
    });
    if (!stats) return undefined;
    const shown = segments.slice(0, index + 1).join('/');
    if (stats.isSymbolicLink()) {
      const where = index === segments.length - 1 ? '' : ` (through ${shown})`;
      throw new WorkspaceFileError(
        'symlink',
        relative,
        `${relative} is a symlink${where}, which is never followed`,
      );
    }
    if (index < segments.length - 1 && !stats.isDirectory()) return undefined;
    if (index === segments.length - 1) return stats;
  }
  return undefined;
}

function notRegular(relative: string, stats: Stats): WorkspaceFileError {
  return new WorkspaceFileError(
    stats.isDirectory() ? 'directory' : 'not_regular',
    relative,
    `${relative} is ${describeType(stats)}, not a regular file`,
  );
}

/**
 * Where the descriptor really points, read back from /proc: a path swapped for a link between the walk
 * and the open shows up here. Undefined where /proc is not mounted.
 */
async function openedPath(handle: FileHandle): Promise<string | undefined> {
  return readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
}

/**
 * Opens one file of a workspace for the host to read (or write), without ever following a symlink,
 * blocking on a FIFO or device, or leaving the workspace: every component is checked with lstat, the
 * last is opened with O_NOFOLLOW | O_NONBLOCK, and the open descriptor must be the same regular file at
 * the same place. Throws WorkspaceFileError with a reason the caller can show.
 */
export async function openWorkspaceFile(
  root: string,
  relative: string,
  mode: 'read' | 'write',
): Promise<OpenedWorkspaceFile> {
  const segments = segmentsOf(relative);
  const rootReal = await realpath(root);
  const absolute = path.join(rootReal, ...segments);
  const before = await walk(rootReal, relative, segments);
  if (before && !before.isFile()) throw notRegular(relative, before);
  if (!before && mode === 'read') {
    throw new WorkspaceFileError('missing', relative, `${relative} does not exist`);
  }
  if (!before) {
    // Parents that did not exist are made; the walk has shown that the ones that did are real directories.
    await mkdir(path.dirname(absolute), { recursive: true });
  }
  const handle = await open(absolute, mode === 'read' ? READ_FLAGS : WRITE_FLAGS).catch((error: unknown) => {
    if (errnoOf(error) === 'ELOOP') {
      throw new WorkspaceFileError('symlink', relative, `${relative} is a symlink, which is never followed`);
    }
    if (errnoOf(error) === 'ENOENT') {
      throw new WorkspaceFileError('missing', relative, `${relative} does not exist`);
    }
    if (errnoOf(error) === 'ENXIO') {
      throw new WorkspaceFileError('not_regular', relative, `${relative} is a FIFO, not a regular file`);
    }
    throw error;
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(relative, stats);
    const sameFile = !before || (before.ino === stats.ino && before.dev === stats.dev);
    const real = await openedPath(handle);
    if (!sameFile || (real !== undefined && real !== absolute)) {
      throw new WorkspaceFileError(
        'outside',
        relative,
        `${relative} was replaced while it was being opened; it was not used`,
      );
    }
    return { handle, stats, existed: before !== undefined };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
