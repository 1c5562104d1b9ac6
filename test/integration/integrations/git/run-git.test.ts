import { execFileSync } from 'node:child_process';
import { access, chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitOutput, runGit } from '../../../../src/integrations/git/index.js';
import { makeTempDir } from '../support/temp-dir.js';

let base: { dir: string; cleanup: () => Promise<void> };
let repo: string;
/** A file that exists only if a program planted in the repository ran on the host. */
let marker: string;
const hostHome = process.env['HOME'];

beforeAll(async () => {
  base = await makeTempDir('run-git');
  repo = join(base.dir, 'repo');
  marker = join(base.dir, 'planted-program-ran');
  await mkdir(repo);
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  // What a sandboxed command could leave in a writable workspace: a hook, and config naming programs.
  const planted = join(base.dir, 'planted.sh');
  await writeFile(planted, `#!/bin/sh\ntouch ${marker}\n`);
  await chmod(planted, 0o755);
  const hooks = join(repo, '.git', 'hooks');
  await writeFile(join(hooks, 'pre-commit'), `#!/bin/sh\ntouch ${marker}\n`);
  await chmod(join(hooks, 'pre-commit'), 0o755);
  execFileSync('git', ['-C', repo, 'config', 'core.fsmonitor', planted]);
  execFileSync('git', ['-C', repo, 'config', 'core.askPass', planted]);
  await writeFile(join(repo, 'README.md'), '# widgets\n');
  // A user config in HOME (git reads HOME, which the runner passes on) that must not apply.
  const home = join(base.dir, 'home');
  await mkdir(home);
  await writeFile(join(home, '.gitconfig'), `[core]\n\tfsmonitor = ${planted}\n[user]\n\tname = Host User\n`);
  process.env['HOME'] = home;
});

afterAll(async () => {
  process.env['HOME'] = hostHome;
  await base.cleanup();
});

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('the one git runner', () => {
  it('runs no program a repository plants in its hooks or config', async () => {
    await gitOutput(repo, ['add', '--all']);
    await gitOutput(repo, [
      '-c',
      'user.name=Pipeline',
      '-c',
      'user.email=pipeline@example.com',
      'commit',
      '-q',
      '-m',
      'first',
    ]);
    expect(await gitOutput(repo, ['status', '--porcelain'])).toBe('');
    expect(await exists(marker)).toBe(false);
  });

  it('reads only the repository config and its own, never the system or user config', async () => {
    const origins = (await gitOutput(repo, ['config', '--list', '--show-origin']))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t')[0]);
    expect(new Set(origins)).toEqual(new Set(['command line:', 'file:.git/config']));
  });

  it('reports a failing command as a result, and gitOutput as an error naming it', async () => {
    const missing = await runGit(repo, ['rev-parse', '--verify', 'no-such-branch']);
    expect(missing.exitCode).not.toBe(0);
    await expect(gitOutput(repo, ['rev-parse', '--verify', 'no-such-branch'])).rejects.toThrow(
      /git rev-parse --verify no-such-branch failed in .*: fatal/,
    );
  });
});
