import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDiffForSecrets } from '../../../../src/integrations/secrets/index.js';
import {
  checkoutBranch,
  cloneWorkspace,
  commitAll,
  diffAgainst,
  listChanges,
  pathPolicyFor,
  ProtectedPathError,
  push,
  pushBase,
  refusedChanges,
  type Workspace,
} from '../../../../src/integrations/workspace/index.js';
import { git, makeBareRepo } from '../support/bare-repo.js';
import { makeTempDir } from '../support/temp-dir.js';

const token = 'ghs_whatleavestoken_0123456789';
const author = { name: 'Pipeline Bot', email: 'bot@example.com' };
// Shaped like real AWS credentials, made up.
const KEY_ID = 'AKIAZ7VQ3WXKJD4HLMPR';
const SECRET_KEY = 'q8Fz1Lw0Xr7Tb3Nc5Vd9Hs2Jk6Mp4Qy0Ue8Ro1Ia';
const CREDS = `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`;

let tmp: { dir: string; cleanup: () => Promise<void> };
let bare: string;
let runs = 0;

beforeAll(async () => {
  tmp = await makeTempDir('what-leaves');
  bare = makeBareRepo(tmp.dir, 'app', {
    '.gitattributes': 'creds.txt -diff\n*.dat binary\n',
    '.github/workflows/ci.yml': 'on: push\n',
    'README.md': '# app\n',
    'src/index.js': 'export const x = 1;\n',
  });
});
afterAll(() => tmp.cleanup());

async function freshBranch(): Promise<{ ws: Workspace; branch: string }> {
  runs += 1;
  const ws = await cloneWorkspace({
    remoteUrl: `file://${bare}`,
    token,
    baseDir: join(tmp.dir, 'workspaces'),
    runId: `run-${runs}`,
  });
  const branch = `pipeline/issue-${runs}-what-leaves`;
  await checkoutBranch(ws, branch);
  return { ws, branch };
}

const remoteBranches = () =>
  git(bare, 'for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n').filter(Boolean);

describe('the secret scan of a commit', () => {
  it('reads a file the repo marks `-diff` as text', async () => {
    const { ws } = await freshBranch();
    writeFileSync(join(ws.dir, 'creds.txt'), CREDS);
    await commitAll(ws, { message: 'Add creds', author });
    const findings = await scanDiffForSecrets(await diffAgainst(ws, 'main'));
    expect(findings.map((f) => [f.file, f.redacted])).toEqual(
      expect.arrayContaining([
        ['creds.txt', 'AKIA…'],
        ['creds.txt', 'q8Fz…'],
      ]),
    );
  });

  it('reads a file holding NUL bytes, and one the repo marks `binary`, as text', async () => {
    const { ws } = await freshBranch();
    writeFileSync(
      join(ws.dir, 'blob.bin'),
      Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`\n${CREDS}`)]),
    );
    writeFileSync(join(ws.dir, 'table.dat'), CREDS);
    await commitAll(ws, { message: 'Add data', author });
    const files = new Set((await scanDiffForSecrets(await diffAgainst(ws, 'main'))).map((f) => f.file));
    expect(files).toEqual(new Set(['blob.bin', 'table.dat']));
  });
});

describe('the path policy before a commit and a push', () => {
  const policy = pathPolicyFor();

  it('lists what a sandboxed command wrote, renamed or deleted, both sides of a rename included', async () => {
    const { ws, branch } = await freshBranch();
    mkdirSync(join(ws.dir, '.github/actions/x'), { recursive: true });
    writeFileSync(join(ws.dir, '.github/actions/x/action.yml'), 'runs: { using: node20 }\n');
    renameSync(join(ws.dir, '.github/workflows/ci.yml'), join(ws.dir, 'ci-moved.yml'));
    rmSync(join(ws.dir, 'README.md'));
    writeFileSync(join(ws.dir, 'src/new.js'), 'export const y = 2;\n');
    const changes = await listChanges(ws, await pushBase(ws, branch), { staged: true });
    expect(changes.map((c) => [c.path, c.change]).sort()).toEqual([
      ['.github/actions/x/action.yml', 'added'],
      ['.github/workflows/ci.yml', 'deleted'],
      ['README.md', 'deleted'],
      ['ci-moved.yml', 'added'],
      ['src/new.js', 'added'],
    ]);
    const refused = await refusedChanges(ws, changes, policy);
    expect(refused.map((r) => [r.path, r.rule])).toEqual([
      ['.github/actions/x/action.yml', '.github/**'],
      ['.github/workflows/ci.yml', '.github/**'],
    ]);
  });

  it('refuses a symlink leading out of the repository and a nested repository, not one that stays inside', async () => {
    const { ws, branch } = await freshBranch();
    symlinkSync('/proc/self/environ', join(ws.dir, 'AGENTS.md'));
    symlinkSync('../../etc/passwd', join(ws.dir, 'src/up.txt'));
    symlinkSync('index.js', join(ws.dir, 'src/alias.js'));
    mkdirSync(join(ws.dir, 'vendor/lib'), { recursive: true });
    git(join(ws.dir, 'vendor/lib'), 'init', '--quiet');
    writeFileSync(join(ws.dir, 'vendor/lib/a.txt'), 'a\n');
    git(join(ws.dir, 'vendor/lib'), 'add', 'a.txt');
    git(join(ws.dir, 'vendor/lib'), 'commit', '--quiet', '-m', 'nested');
    const changes = await listChanges(ws, await pushBase(ws, branch), { staged: true });
    const refused = await refusedChanges(ws, changes, policy);
    expect(refused.map((r) => [r.path, r.rule]).sort()).toEqual([
      ['AGENTS.md', 'symlink'],
      ['src/up.txt', 'symlink'],
      ['vendor/lib', 'submodule'],
    ]);
  });

  it('refuses to push commits that touch a protected path, and pushes nothing', async () => {
    const { ws, branch } = await freshBranch();
    mkdirSync(join(ws.dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(ws.dir, '.github/workflows/evil.yml'), 'on: pull_request_target\n');
    writeFileSync(join(ws.dir, 'src/ok.js'), 'export const ok = true;\n');
    await commitAll(ws, { message: 'Sneak a workflow in', author });
    const error = await push(ws, branch, { token, policy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtectedPathError);
    expect(String(error)).toContain(
      '`.github/workflows/evil.yml` (added): it matches the protected path `.github/**`',
    );
    expect(remoteBranches()).toEqual(['main']);
  });

  it("checks only what a later push adds on top of the remote branch, and the repo's own blocked paths", async () => {
    const { ws, branch } = await freshBranch();
    writeFileSync(join(ws.dir, 'src/one.js'), '1\n');
    await commitAll(ws, { message: 'one', author });
    await push(ws, branch, { token, policy });
    mkdirSync(join(ws.dir, 'infra'));
    writeFileSync(join(ws.dir, 'infra/main.tf'), 'resource {}\n');
    expect((await listChanges(ws, await pushBase(ws, branch), { staged: true })).map((c) => c.path)).toEqual([
      'infra/main.tf',
    ]);
    await commitAll(ws, { message: 'two', author });
    const strict = pathPolicyFor({ blockedPaths: ['infra/**'] });
    await expect(push(ws, branch, { token, policy: strict })).rejects.toThrow(/blocked path `infra\/\*\*`/);
    expect(git(bare, 'rev-parse', branch).trim()).not.toBe(await ws.headSha());
  });
});
