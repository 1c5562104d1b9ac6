import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cloneWorkspace,
  discardUncommitted,
  type Workspace,
} from '../../../../src/integrations/workspace/index.js';
import { git, makeBareRepo } from '../support/bare-repo.js';
import { makeTempDir } from '../support/temp-dir.js';

let tmp: { dir: string; cleanup: () => Promise<void> };
let ws: Workspace;

beforeAll(async () => {
  tmp = await makeTempDir('discard-uncommitted');
  const bare = makeBareRepo(tmp.dir, 'app', {
    '.gitignore': 'node_modules/\n',
    'package.json': '{"name":"app"}\n',
    'src/index.js': 'export const x = 1;\n',
  });
  ws = await cloneWorkspace({
    remoteUrl: `file://${bare}`,
    token: 'ghs_discardtoken_0123456789',
    baseDir: join(tmp.dir, 'workspaces'),
    runId: 'run-1',
  });
});
afterAll(() => tmp.cleanup());

describe('what the test commands leave in a clone', () => {
  it('is put back to the pushed head, keeping ignored files such as installed dependencies', async () => {
    writeFileSync(join(ws.dir, 'package-lock.json'), '{"lockfileVersion":3}\n');
    mkdirSync(join(ws.dir, 'coverage', 'lcov'), { recursive: true });
    writeFileSync(join(ws.dir, 'coverage', 'lcov', 'report.info'), 'TN:\n');
    writeFileSync(join(ws.dir, 'src/index.js'), 'export const x = 2;\n');
    mkdirSync(join(ws.dir, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(ws.dir, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');

    const discarded = await discardUncommitted(ws);

    expect(discarded.sort()).toEqual(['coverage/lcov/report.info', 'package-lock.json', 'src/index.js']);
    expect(git(ws.dir, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(ws.dir, 'src/index.js'), 'utf8')).toBe('export const x = 1;\n');
    expect(existsSync(join(ws.dir, 'package-lock.json'))).toBe(false);
    expect(existsSync(join(ws.dir, 'coverage'))).toBe(false);
    expect(existsSync(join(ws.dir, 'node_modules', 'dep', 'index.js'))).toBe(true);
  });

  it('leaves a clean clone alone and says so with an empty list', async () => {
    expect(await discardUncommitted(ws)).toEqual([]);
  });
});
