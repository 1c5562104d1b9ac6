import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPathGuard, PathRefusedError } from '../../../src/agents/tools/path-guard.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'path-guard-'));
  root = path.join(base, 'ws');
  await mkdir(path.join(root, 'src'), { recursive: true });
  await mkdir(path.join(base, 'secret'));
  await writeFile(path.join(root, 'src/a.ts'), 'a');
  await symlink(path.join(base, 'secret'), path.join(root, 'escape'));
  await symlink(path.join(root, 'src'), path.join(root, 'inner'));
  await symlink(path.join(base, 'missing'), path.join(root, 'dangling'));
});

afterAll(() => rm(base, { recursive: true, force: true }));

describe('the path guard', () => {
  const guard = () => createPathGuard({ root });

  describe('inside the workspace', () => {
    it('resolves existing and new files to real paths with a posix relative path', async () => {
      await expect(guard().resolve('src/a.ts', 'read')).resolves.toMatchObject({ relative: 'src/a.ts' });
      await expect(guard().resolve('src/new/deep.ts', 'write')).resolves.toMatchObject({
        relative: 'src/new/deep.ts',
      });
      await expect(guard().resolve('./src/../src/a.ts', 'read')).resolves.toMatchObject({
        relative: 'src/a.ts',
      });
    });

    it('follows a symlink that stays inside', async () => {
      await expect(guard().resolve('inner/a.ts', 'write')).resolves.toMatchObject({ relative: 'src/a.ts' });
    });

    it('reads a protected path but refuses to write it', async () => {
      await expect(guard().resolve('.github/workflows/ci.yml', 'read')).resolves.toBeDefined();
      await expect(guard().resolve('.github/workflows/ci.yml', 'write')).rejects.toThrow(
        /protected path `\.github\/\*\*`/,
      );
    });

    it.each([
      '.gitattributes',
      'src/.gitattributes',
      '.gitmodules',
      'CODEOWNERS',
      'docs/CODEOWNERS',
      '.github/CODEOWNERS',
      '.github/pipeline.yml',
      '.github/actions/setup/action.yml',
    ])('refuses to write the protected %s, even when the repo lists its own blocked paths', async (file) => {
      const withRepoGlobs = createPathGuard({ root, blockedPaths: ['infra/**'] });
      await expect(withRepoGlobs.resolve(file, 'write')).rejects.toThrow(/protected path/);
    });
  });

  describe('refuses', () => {
    it.each([
      ['../outside.txt', /outside the workspace/],
      ['/etc/passwd', /outside the workspace/],
      ['escape/x.txt', /symlink to a location outside/],
      ['escape', /symlink to a location outside/],
      ['dangling', /symlink whose target does not exist/],
      ['.git/config', /Git internals/],
      ['sub/.git/hooks/pre-commit', /Git internals/],
      ['a\0b', /NUL byte/],
    ])('%s', async (requested, reason) => {
      const error = await guard()
        .resolve(requested, 'write')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PathRefusedError);
      expect(String(error)).toMatch(reason);
    });

    it('writes outside allowed_paths when a list is set', async () => {
      const allowed = createPathGuard({ root, allowedPaths: ['src/**'] });
      await expect(allowed.resolve('src/a.ts', 'write')).resolves.toBeDefined();
      await expect(allowed.resolve('README.md', 'write')).rejects.toThrow(/not under allowed_paths/);
    });

    it('custom blocked globs, including dot files', async () => {
      const blocked = createPathGuard({ root, blockedPaths: ['**/*.pem', '.env*'] });
      await expect(blocked.resolve('keys/server.pem', 'write')).rejects.toThrow(/\*\*\/\*\.pem/);
      await expect(blocked.resolve('.env.local', 'write')).rejects.toThrow(/\.env\*/);
    });
  });
});
