import { openWorkspaceFile } from './open-workspace-file.js';
import { WorkspaceFileError } from './workspace-file-error.js';

export interface ReadWorkspaceFileOptions {
  /** Largest size accepted, in bytes; at most this many plus one are ever read. */
  maxBytes: number;
  /** Stops the read between chunks (the run was cancelled or the worker is stopping). */
  signal?: AbortSignal | undefined;
}

/** Small enough that an abort is seen quickly, large enough that a typical source file is one read. */
const CHUNK_BYTES = 64 * 1024;

function tooLarge(relative: string, maxBytes: number): WorkspaceFileError {
  return new WorkspaceFileError('too_large', relative, `${relative} is too large: over ${maxBytes} bytes`);
}

/**
 * Reads a file the repository or the sandboxed agent could have written, as the host: only a regular
 * file inside the workspace, never through a symlink (in any component), never blocking on a FIFO or
 * device, and never more than `maxBytes + 1` bytes (a file still growing cannot fill memory).
 * Throws WorkspaceFileError (missing, outside, symlink, not_regular, too_large) or the signal's reason.
 */
export async function readWorkspaceFile(
  root: string,
  relative: string,
  options: ReadWorkspaceFileOptions,
): Promise<Buffer> {
  options.signal?.throwIfAborted();
  const { handle, stats } = await openWorkspaceFile(root, relative, 'read');
  try {
    if (stats.size > options.maxBytes) throw tooLarge(relative, options.maxBytes);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, options.maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      // The file may have grown since fstat: stop at one byte over the cap instead of reading it all.
      if (length > options.maxBytes) throw tooLarge(relative, options.maxBytes);
    }
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}
