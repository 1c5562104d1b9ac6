import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readWorkspaceFile,
  WorkspaceFileError,
  writeWorkspaceFile,
  type WorkspaceFileRefusal,
} from '../../../../src/integrations/workspace/index.js';
import { makeTempDir } from '../support/temp-dir.js';

let base: { dir: string; cleanup: () => Promise<void> };
let root: string;
/** A host file outside the workspace holding a random canary. */
let hostFile: string;
const canary = `canary-${randomBytes(8).toString('hex')}`;
const CAP = { maxBytes: 1024 };

beforeAll(async () => {
  base = await makeTempDir('read-workspace-file');
  root = join(base.dir, 'ws');
  hostFile = join(base.dir, 'host-secret.txt');
  await mkdir(join(root, 'docs'), { recursive: true });
  await mkdir(join(base.dir, 'host-dir'));
  await writeFile(hostFile, `${canary}\n`);
  await writeFile(join(base.dir, 'host-dir', 'rules.md'), `${canary}\n`);
  await writeFile(join(root, 'README.md'), '# widgets\n');
  await writeFile(join(root, 'docs', 'guide.md'), 'guide\n');
  await writeFile(join(root, 'exact.txt'), 'x'.repeat(CAP.maxBytes));
  await writeFile(join(root, 'big.txt'), 'x'.repeat(CAP.maxBytes + 1));
  await symlink('/proc/self/environ', join(root, 'AGENTS.md'));
  await symlink(hostFile, join(root, 'CLAUDE.md'));
  await symlink('README.md', join(root, 'readme-link.md'));
  await symlink('/dev/zero', join(root, 'zero'));
  await symlink(join(base.dir, 'host-dir'), join(root, 'linked-dir'));
  await symlink('docs', join(root, 'docs-link'));
  for (const fifo of ['notes.md', 'a.fifo', 'b.fifo', 'c.fifo', 'd.fifo', 'e.fifo', 'f.fifo']) {
    execFileSync('mkfifo', [join(root, fifo)]);
  }
});

afterAll(() => base.cleanup());

async function refusal(
  promise: Promise<unknown>,
): Promise<{ reason: WorkspaceFileRefusal; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkspaceFileError))
    throw new Error(`expected a WorkspaceFileError, got ${String(error)}`);
  return { reason: error.reason, message: error.message };
}

describe('reading a workspace file on the host', () => {
  it('returns the bytes of a regular file, up to and including the cap', async () => {
    expect((await readWorkspaceFile(root, 'docs/guide.md', CAP)).toString()).toBe('guide\n');
    expect((await readWorkspaceFile(root, 'exact.txt', CAP)).length).toBe(CAP.maxBytes);
  });

  describe('a symlink is never followed', () => {
    it('refuses a committed AGENTS.md -> /proc/self/environ without reading the environment', async () => {
      expect(await refusal(readWorkspaceFile(root, 'AGENTS.md', CAP))).toEqual({
        reason: 'symlink',
        message: 'AGENTS.md is a symlink, which is never followed',
      });
    });

    it('refuses a link to a host file, to /dev/zero, and even to a file inside the workspace', async () => {
      for (const link of ['CLAUDE.md', 'zero', 'readme-link.md']) {
        expect((await refusal(readWorkspaceFile(root, link, CAP))).reason).toBe('symlink');
      }
    });

    it('refuses a path that goes through a linked directory, inside or outside the workspace', async () => {
      expect(await refusal(readWorkspaceFile(root, 'linked-dir/rules.md', CAP))).toEqual({
        reason: 'symlink',
        message: 'linked-dir/rules.md is a symlink (through linked-dir), which is never followed',
      });
      expect((await refusal(readWorkspaceFile(root, 'docs-link/guide.md', CAP))).reason).toBe('symlink');
    });
  });

  describe('a FIFO', () => {
    it('is refused within a second instead of waiting for a writer', async () => {
      const started = Date.now();
      expect(await refusal(readWorkspaceFile(root, 'notes.md', CAP))).toEqual({
        reason: 'not_regular',
        message: 'notes.md is a FIFO, not a regular file',
      });
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('never holds a thread of the pool: six at once leave ordinary file reads working', async () => {
      const fifos = ['a.fifo', 'b.fifo', 'c.fifo', 'd.fifo', 'e.fifo', 'f.fifo'];
      const reads = fifos.map((f) => refusal(readWorkspaceFile(root, f, CAP)));
      const ordinary = readFile(join(root, 'README.md'), 'utf8');
      const winner = await Promise.race([
        ordinary,
        new Promise<string>((resolve) => setTimeout(() => resolve('thread pool stalled'), 1_000)),
      ]);
      expect(winner).toBe('# widgets\n');
      expect((await Promise.all(reads)).map((r) => r.reason)).toEqual(fifos.map(() => 'not_regular'));
    });
  });

  it('refuses a file over the cap as too large', async () => {
    expect(await refusal(readWorkspaceFile(root, 'big.txt', CAP))).toEqual({
      reason: 'too_large',
      message: 'big.txt is too large: over 1024 bytes',
    });
  });

  it('refuses paths outside the workspace, a directory, and a missing file', async () => {
    for (const path of ['../host-secret.txt', hostFile, 'docs/../../host-secret.txt', 'a\0b']) {
      expect((await refusal(readWorkspaceFile(root, path, CAP))).reason).toBe('outside');
    }
    expect((await refusal(readWorkspaceFile(root, 'docs', CAP))).reason).toBe('directory');
    expect((await refusal(readWorkspaceFile(root, 'nope.md', CAP))).reason).toBe('missing');
  });

  it('stops when the signal fires, before or during the read', async () => {
    await expect(
      readWorkspaceFile(root, 'README.md', { ...CAP, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const reading = readWorkspaceFile(root, 'exact.txt', { ...CAP, signal: controller.signal });
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('writing a workspace file on the host', () => {
  it('creates missing parent directories and replaces an existing file', async () => {
    expect(await writeWorkspaceFile(root, 'src/new/deep.js', 'one\n')).toEqual({ created: true });
    expect(await writeWorkspaceFile(root, 'src/new/deep.js', 'two\n')).toEqual({ created: false });
    expect(await readFile(join(root, 'src/new/deep.js'), 'utf8')).toBe('two\n');
  });

  it('never writes through a link, into a FIFO, or outside the workspace', async () => {
    expect((await refusal(writeWorkspaceFile(root, 'CLAUDE.md', 'pwned'))).reason).toBe('symlink');
    expect((await refusal(writeWorkspaceFile(root, 'linked-dir/new.md', 'pwned'))).reason).toBe('symlink');
    expect((await refusal(writeWorkspaceFile(root, 'notes.md', 'text'))).reason).toBe('not_regular');
    expect((await refusal(writeWorkspaceFile(root, '../escaped.txt', 'pwned'))).reason).toBe('outside');
    expect(await readFile(hostFile, 'utf8')).toBe(`${canary}\n`);
    await expect(readFile(join(base.dir, 'host-dir', 'new.md'))).rejects.toThrow();
  });
});
