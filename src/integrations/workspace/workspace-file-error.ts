/** Why a workspace file was refused: gone, outside the tree, a link, a directory, another non-file, too big. */
export type WorkspaceFileRefusal =
  'missing' | 'outside' | 'symlink' | 'directory' | 'not_regular' | 'too_large';

/**
 * A workspace file the host would not read or write. The message names the file (relative to the
 * workspace) and says what it is, e.g. "notes.md is a FIFO, not a regular file", so it can be shown to
 * the agent or recorded on the run as it is.
 */
export class WorkspaceFileError extends Error {
  override readonly name = 'WorkspaceFileError';

  constructor(
    readonly reason: WorkspaceFileRefusal,
    /** The path as given, relative to the workspace root. */
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
