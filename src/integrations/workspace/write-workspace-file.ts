import { openWorkspaceFile } from './open-workspace-file.js';

export interface WriteWorkspaceFileResult {
  /** True when the file did not exist before. */
  created: boolean;
}

/**
 * Writes a file of the workspace as the host with the same checks as readWorkspaceFile: never through a
 * symlink, never into a FIFO or device (which would block), never outside the workspace. Missing parent
 * directories are created. Throws WorkspaceFileError or the signal's reason.
 */
export async function writeWorkspaceFile(
  root: string,
  relative: string,
  content: string | Uint8Array,
  signal?: AbortSignal,
): Promise<WriteWorkspaceFileResult> {
  signal?.throwIfAborted();
  const { handle, existed } = await openWorkspaceFile(root, relative, 'write');
  try {
    await handle.truncate(0);
    await handle.writeFile(content);
    return { created: !existed };
  } finally {
    await handle.close();
  }
}
