import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changedFiles,
  checkoutBranch,
  cloneWorkspace,
  commitAll,
  diffAgainst,
  pathPolicyFor,
  push,
  WorkspaceError,
  type Workspace,
} from '../../../../src/integrations/workspace/index.js';
import { git, makeBareRepo } from '../support/bare-repo.js';
import { makeTempDir } from '../support/temp-dir.js';

const token = 'ghs_filetoken_0123456789abcdef';
const author = { name: 'Pipeline Bot', email: 'bot@example.com' };
let tmp: { dir: string; cleanup: () => Promise<void> };
let remoteUrl: string;
let bare: string;

beforeAll(async () => {
  tmp = await makeTempDir('workspace-file');
  bare = makeBareRepo(tmp.dir, 'app', { 'README.md': '# app\n', 'src/index.js': 'export const x = 1;\n' });
  remoteUrl = `file://${bare}`;
});
afterAll(() => tmp.cleanup());

const clone = (runId: string, ref?: string) =>
  cloneWorkspace({ remoteUrl, token, baseDir: join(tmp.dir, 'workspaces'), runId, ...(ref ? { ref } : {}) });

describe('a workspace cloned from a remote', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await clone('run-1');
  });

  it('lives in a fresh per-run directory on the default branch', async () => {
    expect(ws.dir).toMatch(/workspaces\/run-1-[0-9a-f]{8}$/);
    expect(ws.defaultBranch).toBe('main');
    expect(await ws.headSha()).toBe(git(bare, 'rev-parse', 'main').trim());
    expect(readFileSync(join(ws.dir, 'README.md'), 'utf8')).toBe('# app\n');
  });

  it('gets a different directory for each clone', async () => {
    const other = await clone('run-1');
    expect(other.dir).not.toBe(ws.dir);
    await other.remove();
    expect(existsSync(other.dir)).toBe(false);
  });

  describe('after an edit on a new branch', () => {
    const branch = 'pipeline/issue-5-add-greeting';
    let sha: string | null;
    beforeAll(async () => {
      expect(await checkoutBranch(ws, branch, { fromRemoteIfExists: true })).toEqual({ reused: false });
      writeFileSync(join(ws.dir, 'src/greet.js'), 'export const greet = () => "hi";\n');
      writeFileSync(join(ws.dir, 'README.md'), '# app\n\nGreets.\n');
      sha = await commitAll(ws, { message: 'Add greeting (#5)', author });
    });

    it('commits every change under the given author', async () => {
      expect(sha).toMatch(/^[0-9a-f]{40}$/);
      expect(await ws.headSha()).toBe(sha);
      expect(git(ws.dir, 'log', '-1', '--format=%an <%ae>|%cn|%s').trim()).toBe(
        'Pipeline Bot <bot@example.com>|Pipeline Bot|Add greeting (#5)',
      );
    });

    it('commits nothing when nothing changed', async () => {
      expect(await commitAll(ws, { message: 'empty', author })).toBeNull();
    });

    it('shows the diff and the files that will be pushed', async () => {
      const diff = await diffAgainst(ws, 'main');
      expect(diff).toContain('+++ b/src/greet.js');
      expect(diff).toContain('+Greets.');
      expect((await changedFiles(ws, 'main')).sort()).toEqual(['README.md', 'src/greet.js']);
    });

    it('pushes the branch to the remote', async () => {
      await push(ws, branch, { token, policy: pathPolicyFor() });
      expect(git(bare, 'rev-parse', branch).trim()).toBe(sha);
    });

    it('lets a resumed run continue from the pushed branch', async () => {
      const resumed = await clone('run-1-resumed');
      expect(await checkoutBranch(resumed, branch, { fromRemoteIfExists: true })).toEqual({ reused: true });
      expect(await resumed.headSha()).toBe(sha);
      writeFileSync(join(resumed.dir, 'src/greet.js'), 'export const greet = () => "hello";\n');
      const next = await commitAll(resumed, { message: 'Say hello (#5)', author });
      await push(resumed, branch, { token, policy: pathPolicyFor() });
      expect(git(bare, 'rev-parse', branch).trim()).toBe(next);
      await resumed.remove();
    });
  });

  it('keeps local commits that already build on the remote branch', async () => {
    const branch = 'pipeline/issue-6-local-ahead';
    await checkoutBranch(ws, branch);
    writeFileSync(join(ws.dir, 'ahead.txt'), '1\n');
    await commitAll(ws, { message: 'first', author });
    await push(ws, branch, { token, policy: pathPolicyFor() });
    writeFileSync(join(ws.dir, 'ahead.txt'), '2\n');
    const local = await commitAll(ws, { message: 'second, not pushed', author });
    expect(await checkoutBranch(ws, branch, { fromRemoteIfExists: true })).toEqual({ reused: true });
    expect(await ws.headSha()).toBe(local);
  });

  it('checks out a given ref at clone time', async () => {
    const first = git(bare, 'rev-list', '--max-parents=0', 'main').trim();
    const pinned = await clone('run-pinned', first);
    expect(await pinned.headSha()).toBe(first);
    await pinned.remove();
  });
});

describe('a workspace whose .git was tampered with by a sandboxed command', () => {
  it('runs no hook and no fsmonitor command when committing', async () => {
    const ws = await clone('run-hooks');
    const marker = join(tmp.dir, 'hook-ran');
    const hook = `#!/bin/sh\ntouch ${marker}\n`;
    writeFileSync(join(ws.dir, '.git/hooks/pre-commit'), hook, { mode: 0o755 });
    writeFileSync(join(ws.dir, '.git/hooks/post-commit'), hook, { mode: 0o755 });
    git(ws.dir, 'config', 'core.fsmonitor', `touch ${marker}; echo`);
    writeFileSync(join(ws.dir, 'new.txt'), 'x\n');
    expect(await commitAll(ws, { message: 'tampered', author })).toMatch(/^[0-9a-f]{40}$/);
    expect(existsSync(marker)).toBe(false);
    await ws.remove();
  });
});

describe('failures', () => {
  it('explain what failed and leave no directory behind', async () => {
    const base = join(tmp.dir, 'failed-clones');
    const error = await cloneWorkspace({
      remoteUrl: `file://${tmp.dir}/missing.git`,
      token,
      baseDir: base,
      runId: 'r',
    })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).message).toMatch(
      /^git clone failed: .*does not appear to be a git repository/s,
    );
    expect(readdirSync(base)).toEqual([]);
  });

  it('refuse an invalid branch name', async () => {
    const ws = await clone('run-bad-branch');
    await expect(checkoutBranch(ws, 'bad..name')).rejects.toThrow(/git checkout bad\.\.name failed/);
    await ws.remove();
  });
});
