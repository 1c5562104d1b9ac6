import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSandbox, runSandboxed } from '../../../../src/integrations/sandbox/index.js';
import { silentLogger } from '../support/silent-logger.js';
import { makeTempDir } from '../support/temp-dir.js';
import { roomyLimits } from '../support/test-limits.js';

const logger = silentLogger();
let workspace: { dir: string; cleanup: () => Promise<void> };
let outside: { dir: string; cleanup: () => Promise<void> };
let server: Server;
let port: number;

beforeAll(async () => {
  expect(await detectSandbox(), 'bubblewrap must be installed: apt-get install -y bubblewrap').toEqual({
    usable: true,
  });
  workspace = await makeTempDir('sandbox-isolation');
  outside = await makeTempDir('sandbox-outside');
  server = createServer((socket) => {
    socket.on('error', ignoreReset);
    socket.end('hello\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  port = address.port;
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  await workspace.cleanup();
  await outside.cleanup();
});

/** The client exits as soon as it connects, so the server side may see a reset. */
function ignoreReset(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ECONNRESET') throw error;
}

const run = (command: string, allowNetwork = false) =>
  runSandboxed({
    command,
    cwd: workspace.dir,
    timeoutMs: 10_000,
    outputCapBytes: 64_000,
    allowNetwork,
    limits: roomyLimits,
    logger,
  });

const connectScript = () =>
  `node -e "require('net').connect(${port}, '127.0.0.1')` +
  `.on('connect', () => { console.log('connected'); process.exit(0); })` +
  `.on('error', (e) => { console.log('refused', e.code); process.exit(3); })"`;

describe('the bwrap sandbox', () => {
  describe('network', () => {
    it('cannot reach a server on the host when the network is not allowed', async () => {
      const result = await run(connectScript(), false);
      expect(result.output).toContain('refused');
      expect(result.exitCode).toBe(3);
    });

    it('reaches the host server when the network is allowed', async () => {
      const result = await run(connectScript(), true);
      expect(result.output).toContain('connected');
      expect(result.exitCode).toBe(0);
    });
  });

  describe('file system', () => {
    it('cannot write to system directories', async () => {
      const result = await run('touch /usr/pipeline-escape');
      expect(result.exitCode).not.toBe(0);
      expect(existsSync('/usr/pipeline-escape')).toBe(false);
    });

    it('cannot write to a host directory outside the workspace', async () => {
      const result = await run(`touch ${outside.dir}/escape`);
      expect(result.exitCode).not.toBe(0);
      expect(existsSync(`${outside.dir}/escape`)).toBe(false);
    });

    it('writes beside HOME land in a private tmpfs, not on the host', async () => {
      const name = `pipeline-escape-${process.pid}-${Date.now()}`;
      const result = await run(`touch "$HOME/../${name}" && ls "$HOME/.."`);
      expect(result.output).toContain(name);
      expect(existsSync(`/tmp/${name}`)).toBe(false);
    });

    it("cannot change the workspace's .git, so no hook or config reaches the host's git", async () => {
      await mkdir(join(workspace.dir, '.git/hooks'), { recursive: true });
      const result = await run('touch .git/hooks/pre-commit; echo "[core]" >> .git/config; touch ok.txt');
      expect(existsSync(join(workspace.dir, '.git/hooks/pre-commit'))).toBe(false);
      expect(existsSync(join(workspace.dir, '.git/config'))).toBe(false);
      expect(existsSync(join(workspace.dir, 'ok.txt'))).toBe(true);
      expect(result.output).toMatch(/Read-only file system/);
    });

    it('does not see the host /etc/shadow or /root', async () => {
      const result = await run('ls /etc/shadow /root 2>&1; echo done');
      expect(result.output).toMatch(/No such file or directory[\s\S]*No such file or directory/);
    });
  });
});
