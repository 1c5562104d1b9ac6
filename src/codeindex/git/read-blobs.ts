import { spawnGit } from '../../integrations/git/index.js';

/**
 * Streams blob contents through one `git cat-file --batch` process, in the order asked.
 * Only one blob's bytes are held at a time beyond what the pipe buffers.
 */
export async function* readBlobs(
  repoDir: string,
  shas: string[],
): AsyncGenerator<{ sha: string; content: Buffer }> {
  if (shas.length === 0) return;
  const child = spawnGit(repoDir, ['cat-file', '--batch']);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.end(shas.map((s) => `${s}\n`).join(''));

  let buffer: Buffer = Buffer.alloc(0);
  let pending: { sha: string; size: number } | null = null;
  try {
    for await (const data of child.stdout as AsyncIterable<Buffer>) {
      buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data]);
      for (;;) {
        if (!pending) {
          const newline = buffer.indexOf(10);
          if (newline < 0) break;
          const header = buffer.subarray(0, newline).toString('utf8');
          buffer = buffer.subarray(newline + 1);
          const [sha, type, size] = header.split(' ');
          if (type === 'missing' || !sha)
            throw new Error(`git cat-file: blob ${sha ?? header} is missing in ${repoDir}`);
          pending = { sha, size: Number(size) };
        }
        if (buffer.length < pending.size + 1) break;
        const content = Buffer.from(buffer.subarray(0, pending.size));
        buffer = buffer.subarray(pending.size + 1);
        const sha = pending.sha;
        pending = null;
        yield { sha, content };
      }
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0 && code !== null)
    throw new Error(`git cat-file --batch failed in ${repoDir}: ${stderr.trim()}`);
}
