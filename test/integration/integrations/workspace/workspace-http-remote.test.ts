import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkoutBranch,
  cloneWorkspace,
  commitAll,
  pathPolicyFor,
  push,
  WorkspaceError,
} from '../../../../src/integrations/workspace/index.js';
import { git, makeBareRepo } from '../support/bare-repo.js';
import { startGitHttpServer } from '../support/git-http-server.js';
import { makeTempDir } from '../support/temp-dir.js';

const token = 'ghs_httptoken_Zq81kLmN0pQrStUv';
const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
let tmp: { dir: string; cleanup: () => Promise<void> };
let server: Server;
let url: string;
let bare: string;

beforeAll(async () => {
  tmp = await makeTempDir('workspace-http');
  bare = makeBareRepo(join(tmp.dir, 'remotes'), 'svc', { 'index.js': 'console.log(1);\n' });
  ({ server, url } = await startGitHttpServer(join(tmp.dir, 'remotes'), token));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await tmp.cleanup();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((path) => statSync(path).isFile());
}

describe('a workspace over authenticated smart HTTP', () => {
  it('clones, commits and pushes without writing the token anywhere in the clone', async () => {
    const ws = await cloneWorkspace({
      remoteUrl: `${url}/svc.git`,
      token,
      baseDir: join(tmp.dir, 'ws'),
      runId: 'h1',
    });
    await checkoutBranch(ws, 'pipeline/issue-9-http');
    writeFileSync(join(ws.dir, 'index.js'), 'console.log(2);\n');
    const sha = await commitAll(ws, {
      message: 'Change output (#9)',
      author: { name: 'Bot', email: 'b@x.io' },
    });
    await push(ws, 'pipeline/issue-9-http', { token, policy: pathPolicyFor() });

    expect(git(bare, 'rev-parse', 'pipeline/issue-9-http').trim()).toBe(sha);
    const files = filesUnder(ws.dir);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const content = readFileSync(file).toString('latin1');
      expect(content, file).not.toContain(token);
      expect(content, file).not.toContain(basic);
    }
    expect(readFileSync(join(ws.dir, '.git/config'), 'utf8')).toContain(`url = ${url}/svc.git`);
    await ws.remove();
  });

  it('fails with a clear message, without the token, when the token is wrong', async () => {
    const wrong = 'ghs_wrongtoken_AAAAAAAAAAAA';
    const error = await cloneWorkspace({
      remoteUrl: `${url}/svc.git`,
      token: wrong,
      baseDir: join(tmp.dir, 'ws'),
      runId: 'h2',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    const message = (error as WorkspaceError).message;
    expect(message).toMatch(/^git clone failed — the remote refused the access token/);
    expect(message).not.toContain(wrong);
  });
});
