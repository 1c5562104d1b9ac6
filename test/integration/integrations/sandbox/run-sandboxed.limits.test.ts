import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandboxed } from '../../../../src/integrations/sandbox/index.js';
import { findProcesses, liveGroupMembers } from '../support/find-processes.js';
import { silentLogger } from '../support/silent-logger.js';
import { makeTempDir } from '../support/temp-dir.js';
import { roomyLimits } from '../support/test-limits.js';

const logger = silentLogger();
let workspace: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  workspace = await makeTempDir('sandbox-limits');
});
afterAll(() => workspace.cleanup());

/** A `sleep` whose argument is unique, so its processes can be found in /proc. */
const uniqueSleep = () => `30.${randomInt(100_000, 999_999)}`;

describe.each(['bwrap', 'unsafe-none'] as const)('limits (mode %s)', (mode) => {
  const base = () => ({
    cwd: workspace.dir,
    outputCapBytes: 10_000,
    allowNetwork: false,
    killGraceMs: 500,
    mode,
    limits: roomyLimits,
    logger,
  });

  it('stops a command at the timeout and leaves no process behind', async () => {
    const marker = uniqueSleep();
    const pending = runSandboxed({ ...base(), command: `sleep ${marker}`, timeoutMs: 700 });
    await sleep(400);
    const groups = new Set(findProcesses(`sleep ${marker}`).map((p) => p.pgid));
    expect(groups.size).toBeGreaterThan(0);

    const result = await pending;
    expect(result).toMatchObject({ timedOut: true, cancelled: false, exitCode: null });
    expect(result.sandbox).toBe(mode === 'unsafe-none' ? 'none' : 'bwrap');
    expect(result.durationMs).toBeLessThan(4_000);
    await sleep(100);
    expect(findProcesses(`sleep ${marker}`)).toEqual([]);
    for (const pgid of groups) expect(liveGroupMembers(pgid)).toEqual([]);
  });

  it('stops a command when the signal aborts', async () => {
    const marker = uniqueSleep();
    const controller = new AbortController();
    const pending = runSandboxed({
      ...base(),
      command: `sleep ${marker}`,
      timeoutMs: 20_000,
      signal: controller.signal,
    });
    await sleep(300);
    controller.abort();
    const result = await pending;
    expect(result).toMatchObject({ cancelled: true, timedOut: false });
    expect(result.durationMs).toBeLessThan(4_000);
    expect(findProcesses(`sleep ${marker}`)).toEqual([]);
  });

  it('does not start a command whose signal is already aborted', async () => {
    const result = await runSandboxed({
      ...base(),
      command: 'echo never',
      timeoutMs: 5_000,
      signal: AbortSignal.abort(),
    });
    expect(result).toMatchObject({ cancelled: true, output: '' });
  });

  it('keeps the head and tail of large output', async () => {
    const result = await runSandboxed({
      ...base(),
      command: "echo START; head -c 200000 /dev/zero | tr '\\0' x; echo; echo END",
      timeoutMs: 10_000,
      outputCapBytes: 1_000,
    });
    expect(result.exitCode).toBe(0);
    expect(result.truncated).toBe(true);
    expect(result.output.startsWith('START')).toBe(true);
    expect(result.output.trimEnd().endsWith('END')).toBe(true);
    expect(result.output).toMatch(/bytes omitted/);
    expect(result.output.length).toBeLessThan(1_200);
  });

  it('hides the parent environment', async () => {
    process.env.PIPELINE_TEST_LIMITS_SECRET = 'limits-secret-777';
    try {
      const result = await runSandboxed({ ...base(), command: 'env', timeoutMs: 5_000 });
      expect(result.output).not.toContain('limits-secret-777');
    } finally {
      delete process.env.PIPELINE_TEST_LIMITS_SECRET;
    }
  });
});
