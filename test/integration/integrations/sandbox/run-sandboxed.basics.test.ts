import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSandbox, runSandboxed } from '../../../../src/integrations/sandbox/index.js';
import { silentLogger } from '../support/silent-logger.js';
import { makeTempDir } from '../support/temp-dir.js';
import { roomyLimits } from '../support/test-limits.js';

const logger = silentLogger();
let workspace: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  expect(await detectSandbox(), 'bubblewrap must be installed: apt-get install -y bubblewrap').toEqual({
    usable: true,
  });
  workspace = await makeTempDir('sandbox-basics');
});
afterAll(() => workspace.cleanup());

const run = (command: string, extra: Partial<Parameters<typeof runSandboxed>[0]> = {}) =>
  runSandboxed({
    command,
    cwd: workspace.dir,
    timeoutMs: 10_000,
    outputCapBytes: 64_000,
    allowNetwork: false,
    limits: roomyLimits,
    logger,
    ...extra,
  });

describe('a command in the bwrap sandbox', () => {
  it('returns its exit code and both output streams', async () => {
    const result = await run('echo to-stdout; echo to-stderr >&2; exit 7');
    expect(result).toMatchObject({ exitCode: 7, timedOut: false, cancelled: false, sandbox: 'bwrap' });
    expect(result.output).toContain('to-stdout');
    expect(result.output).toContain('to-stderr');
    expect(result.truncated).toBe(false);
  });

  it('runs in the workspace and can write there', async () => {
    const result = await run('pwd && echo made > made.txt && cat made.txt');
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('made');
  });

  it('receives the command as one argument, never re-parsed by another shell', async () => {
    const result = await run(`printf '%s\\n' "it's \\"quoted\\" \\$HOME"`);
    expect(result.output.trim()).toBe('it\'s "quoted" $HOME');
  });

  describe('environment', () => {
    const secretName = 'PIPELINE_TEST_FAKE_SECRET';
    const secretValue = 'fake-secret-value-4242';
    beforeAll(() => {
      process.env[secretName] = secretValue;
    });
    afterAll(() => {
      delete process.env[secretName];
    });

    it('sees no variable of the parent process', async () => {
      const result = await run('env');
      expect(result.output).not.toContain(secretValue);
      expect(result.output).toContain('CI=true');
      expect(result.output).toContain('TERM=dumb');
    });

    it('sees the extra variables it was given', async () => {
      const result = await run('echo "$GREETING"', { env: { GREETING: 'hello-sandbox' } });
      expect(result.output.trim()).toBe('hello-sandbox');
    });
  });
});
