import { randomInt } from 'node:crypto';
import { chmod, readdir, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../../src/api/http-server.js';
import {
  runSandboxed,
  type SandboxLimits,
  type SandboxMode,
  type SandboxResult,
} from '../../../../src/integrations/sandbox/index.js';
import { createMetrics } from '../../../../src/monitoring/metrics.js';
import { findProcesses } from '../support/find-processes.js';
import { NOBODY, runSandboxedAsUser } from '../support/run-sandboxed-as-user.js';
import { silentLogger } from '../support/silent-logger.js';
import { makeTempDir } from '../support/temp-dir.js';

const logger = silentLogger();
const limits: SandboxLimits = { maxProcesses: 64, maxMemoryMb: 256, maxFileMb: 1, maxCpuSeconds: 30 };
let workspace: { dir: string; cleanup: () => Promise<void> };
let health: Server;
let healthUrl: string;

beforeAll(async () => {
  workspace = await makeTempDir('sandbox-resources');
  // The non-root worker below writes here too.
  await chmod(workspace.dir, 0o777);
  health = createHttpServer({ logger, metrics: createMetrics(), readiness: { checks: [] }, routes: [] });
  await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
  healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => health.close(() => resolve()));
  await workspace.cleanup();
});

/** A bash fork bomb whose function name is unique, so its processes can be found (and counted) in /proc. */
function forkBomb(): { marker: string; command: string } {
  const marker = `bomb_${randomInt(100_000, 999_999)}`;
  return { marker, command: `${marker}() { ${marker} | ${marker} & }; ${marker}; sleep 60` };
}

/** Runs `pending` while counting the processes that carry `marker`; the most seen at once. */
async function peakWhile<T>(marker: string, pending: Promise<T>): Promise<{ result: T; peak: number }> {
  let done = false;
  let peak = 0;
  const counting = (async () => {
    while (!done) {
      peak = Math.max(peak, findProcesses(marker).length);
      await sleep(50);
    }
  })();
  const result = await pending.finally(() => {
    done = true;
  });
  await counting;
  return { result, peak };
}

/** cgroups this process made for commands and did not remove. */
async function leftoverCgroups(): Promise<string[]> {
  const roots = ['/sys/fs/cgroup/pids', '/sys/fs/cgroup/memory', '/sys/fs/cgroup/unified'];
  const found: string[] = [];
  for (const root of roots) {
    const walk = async (dir: string, depth: number): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (!entry.isDirectory()) continue;
        if (entry.name.startsWith(`pipeline-cmd-${process.pid}-`)) found.push(join(dir, entry.name));
        else if (depth < 3) await walk(join(dir, entry.name), depth + 1);
      }
    };
    await walk(root, 0);
  }
  return found;
}

describe.each(['bwrap', 'unsafe-none'] as const)('a sandboxed command (mode %s)', (mode: SandboxMode) => {
  const run = (command: string, extra: { timeoutMs?: number; limits?: SandboxLimits } = {}) =>
    runSandboxed({
      command,
      cwd: workspace.dir,
      timeoutMs: extra.timeoutMs ?? 20_000,
      outputCapBytes: 16_000,
      allowNetwork: false,
      killGraceMs: 500,
      mode,
      limits: extra.limits ?? limits,
      logger,
    });

  it('holds a fork bomb to the process limit, stops it at the timeout, leaves nothing behind, and the worker keeps answering', async () => {
    const bomb = forkBomb();
    const pending = run(bomb.command, { timeoutMs: 4_000 });
    await sleep(1_500);
    const duringBomb = await fetch(healthUrl);
    const { result, peak } = await peakWhile(bomb.marker, pending);

    // It did fork, and never past the limit.
    expect(peak).toBeGreaterThan(limits.maxProcesses / 2);
    expect(peak).toBeLessThanOrEqual(limits.maxProcesses);
    expect(duringBomb.status).toBe(200);
    expect(result).toMatchObject({ timedOut: true });
    expect(result.limits).toMatchObject({ processes: 'cgroup', processesExceeded: true });
    expect(findProcesses(bomb.marker)).toEqual([]);
    expect(await leftoverCgroups()).toEqual([]);

    const after = await run('echo still-working');
    expect(after).toMatchObject({ exitCode: 0, timedOut: false });
    expect(after.output).toContain('still-working');
    expect((await fetch(healthUrl)).status).toBe(200);
  }, 30_000);

  it('stops a process that allocates past the memory limit', async () => {
    const result = await run(`node -e "Buffer.alloc(600 * 2 ** 20, 1); console.log('allocated')"`);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).not.toContain('allocated');
  });

  it('kills the command when its processes together go past the memory limit', async () => {
    const hog = `node -e "globalThis.kept = Buffer.alloc(100 * 2 ** 20, 1); setTimeout(() => {}, 3000)"`;
    const result = await run(
      `for i in 1 2 3 4; do ${hog} & done; failed=0; for i in 1 2 3 4; do wait -n || failed=1; done; exit $failed`,
    );
    expect(result.limits).toMatchObject({ memory: 'cgroup', memoryExceeded: true });
    expect(result.exitCode).not.toBe(0);
  });

  it('stops a write past the file size limit', async () => {
    const result = await run('head -c 3000000 /dev/zero > big.bin');
    expect(result.exitCode).not.toBe(0);
    expect((await stat(join(workspace.dir, 'big.bin'))).size).toBeLessThanOrEqual(limits.maxFileMb * 2 ** 20);
  });

  it('stops a process that spends its CPU time', async () => {
    const result: SandboxResult = await run('while :; do :; done', {
      limits: { ...limits, maxCpuSeconds: 1 },
    });
    expect(result).toMatchObject({ timedOut: false });
    expect(result.exitCode).not.toBe(0);
  });
});

describe('a sandboxed command of a worker that is not root (as in the production container)', () => {
  it('holds a fork bomb to the process limit (RLIMIT_NPROC) and leaves nothing behind', async () => {
    const bomb = forkBomb();
    const { result, peak } = await peakWhile(
      bomb.marker,
      runSandboxedAsUser(NOBODY, { command: bomb.command, cwd: workspace.dir, timeoutMs: 4_000, limits }),
    );
    expect(result.uid).toBe(NOBODY);
    expect(result).toMatchObject({ sandbox: 'bwrap', timedOut: true });
    expect(result.limits.processes).toBe('rlimit');
    expect(peak).toBeGreaterThan(limits.maxProcesses / 4);
    expect(peak).toBeLessThanOrEqual(limits.maxProcesses);
    expect(findProcesses(bomb.marker)).toEqual([]);
  }, 30_000);

  it('stops a process that allocates past the memory limit (RLIMIT_DATA)', async () => {
    const result = await runSandboxedAsUser(NOBODY, {
      command: `node -e "Buffer.alloc(600 * 2 ** 20, 1); console.log('allocated')"`,
      cwd: workspace.dir,
      timeoutMs: 20_000,
      limits,
    });
    expect(result.limits.memory).toBe('rlimit');
    expect(result.exitCode).not.toBe(0);
    expect(result.output).not.toContain('allocated');
  });
});
