import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rmdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectCgroups } from '../../../../src/integrations/sandbox/detect-cgroups.js';
import { removeStaleCgroups } from '../../../../src/integrations/sandbox/remove-stale-cgroups.js';
import { silentLogger } from '../support/silent-logger.js';

const logger = silentLogger();
const made: string[] = [];
afterAll(async () => {
  for (const dir of made) if (existsSync(dir)) await rmdir(dir);
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  const { pid } = spawnSync('true');
  if (!pid) throw new Error('could not start `true`');
  return pid;
}

describe('a worker starting where an earlier one was killed mid-command', () => {
  it('removes the empty cgroups that dead workers left, and none that may still be in use', async () => {
    const support = await detectCgroups(logger);
    const parent = support.pids?.dir;
    expect(parent, 'this machine lets the test process create pids cgroups').toBeDefined();
    const cgroup = async (name: string, ageMs: number) => {
      const dir = join(parent ?? '', name);
      await mkdir(dir);
      made.push(dir);
      const when = new Date(Date.now() - ageMs);
      await utimes(dir, when, when);
      return dir;
    };
    const dead = deadPid();
    const leftBehind = await cgroup(`pipeline-cmd-${dead}-aa11`, 10 * 60_000);
    const justMade = await cgroup(`pipeline-cmd-${dead}-bb22`, 0);
    const ours = await cgroup(`pipeline-cmd-${process.pid}-cc33`, 10 * 60_000);
    const notOurs = await cgroup(`someone-else-${dead}`, 10 * 60_000);

    await removeStaleCgroups(support, logger);

    expect(existsSync(leftBehind)).toBe(false);
    expect([justMade, ours, notOurs].filter((dir) => existsSync(dir))).toEqual([justMade, ours, notOurs]);
  });
});
