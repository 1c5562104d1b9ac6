import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectSandbox,
  openSandbox,
  runSandboxed,
  SandboxUnavailableError,
} from '../../../../src/integrations/sandbox/index.js';
import { silentLogger } from '../support/silent-logger.js';
import { makeTempDir } from '../support/temp-dir.js';
import { roomyLimits } from '../support/test-limits.js';

const logger = silentLogger();
let dir: { dir: string; cleanup: () => Promise<void> };
/** A bubblewrap that fails the way it does in a container started without the sandbox flags. */
let refusingBwrap: string;
let missingBwrap: string;

beforeAll(async () => {
  dir = await makeTempDir('sandbox-fails-closed');
  refusingBwrap = join(dir.dir, 'bwrap-without-userns');
  await writeFile(
    refusingBwrap,
    "#!/bin/sh\necho 'bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n",
  );
  await chmod(refusingBwrap, 0o755);
  missingBwrap = join(dir.dir, 'no-such-bwrap');
});
afterAll(() => dir.cleanup());

describe('a worker whose bubblewrap cannot isolate commands', () => {
  it('finds a missing bubblewrap, in a plain sentence with the raw cause apart', async () => {
    expect(await detectSandbox(missingBwrap)).toEqual({
      usable: false,
      reason: `bubblewrap (${missingBwrap}) is not installed`,
      detail: expect.stringContaining('ENOENT') as string,
    });
  });

  it('finds a bubblewrap that cannot create its namespaces, keeping what it said as the detail', async () => {
    expect(await detectSandbox(refusingBwrap)).toEqual({
      usable: false,
      reason: `bubblewrap (${refusingBwrap}) cannot create its namespaces here`,
      detail: expect.stringContaining('No permissions to create new namespace') as string,
    });
  });

  it.each([
    ['missing', () => missingBwrap],
    ['unable to create namespaces', () => refusingBwrap],
  ])('refuses every command when bubblewrap is %s, and runs none of them', async (_case, bwrapPath) => {
    const marker = join(dir.dir, `ran-${Math.random().toString(36).slice(2)}`);
    const command = {
      command: `touch ${marker}`,
      cwd: dir.dir,
      timeoutMs: 5_000,
      outputCapBytes: 1_000,
      allowNetwork: false,
      limits: roomyLimits,
      logger,
    };
    const refusal = runSandboxed({ ...command, bwrapPath: bwrapPath() });
    await expect(refusal).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(refusal).rejects.toThrow(/PIPELINE_SANDBOX=unsafe-none/);

    const sandbox = await openSandbox({ mode: 'bwrap', bwrapPath: bwrapPath(), limits: roomyLimits, logger });
    expect(sandbox.status.state).toBe('unavailable');
    expect(() => sandbox.assertUsable()).toThrow(SandboxUnavailableError);
    await expect(sandbox.run(command)).rejects.toThrow(/cannot sandbox it/);
    expect(existsSync(marker)).toBe(false);
  });

  it('runs commands unisolated only when the operator sets PIPELINE_SANDBOX=unsafe-none, and says so', async () => {
    const sandbox = await openSandbox({
      mode: 'unsafe-none',
      bwrapPath: missingBwrap,
      limits: roomyLimits,
      logger,
    });
    expect(sandbox.status).toEqual({
      state: 'unsafe',
      note: expect.stringContaining('without a sandbox') as string,
    });
    expect(() => sandbox.assertUsable()).not.toThrow();
    const result = await sandbox.run({
      command: 'echo ran',
      cwd: dir.dir,
      timeoutMs: 5_000,
      outputCapBytes: 1_000,
      allowNetwork: false,
      logger,
    });
    expect(result).toMatchObject({ exitCode: 0, sandbox: 'none' });
  });
});
