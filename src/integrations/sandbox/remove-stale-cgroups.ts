import { readdir, readFile, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../monitoring/logger.js';
import type { CgroupSupport } from './detect-cgroups.js';

/** `pipeline-cmd-<pid of the worker>-<random>`: the name create-command-cgroup gives a command's cgroup. */
const COMMAND_CGROUP = /^pipeline-cmd-(\d+)-[0-9a-f]+$/;
/** Younger cgroups may belong to a worker (in another pid namespace) that is about to move a command in. */
const STALE_AFTER_MS = 60_000;

/**
 * A worker killed mid-command (SIGKILL, OOM) leaves its command cgroup behind; its processes died with the
 * sandbox (bwrap's --die-with-parent), the directory stays. At start, remove such cgroups: empty ones, older
 * than a minute, whose worker is not alive. Anything with a process in it is left alone.
 */
export async function removeStaleCgroups(support: CgroupSupport, logger: Logger): Promise<void> {
  const parents = new Set(Object.values(support).map((c) => c.dir));
  for (const parent of parents) {
    // A parent that cannot be listed has nothing this worker could remove either.
    const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const owner = COMMAND_CGROUP.exec(entry.name)?.[1];
      if (!entry.isDirectory() || !owner || isAlive(Number(owner))) continue;
      const dir = join(parent, entry.name);
      if (!(await isStale(dir))) continue;
      try {
        await rmdir(dir);
        logger.info({ cgroup: dir }, 'removed the cgroup of a command whose worker died');
      } catch (error) {
        logger.warn({ err: error, cgroup: dir }, 'could not remove a stale command cgroup');
      }
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function isStale(dir: string): Promise<boolean> {
  const [info, procs] = await Promise.all([
    stat(dir).catch(() => undefined),
    readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => 'unreadable'),
  ]);
  return info !== undefined && Date.now() - info.mtimeMs > STALE_AFTER_MS && procs.trim() === '';
}
