import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../monitoring/logger.js';
import type { CgroupSupport } from './detect-cgroups.js';
import type { SandboxLimits } from './types.js';

/** The cgroup(s) one command runs in: one per v1 hierarchy, or one v2 cgroup for both controllers. */
export interface CommandCgroup {
  /** `cgroup.procs` files the command's first process writes its pid into before it execs anything. */
  procsFiles: string[];
  /** Which limits the cgroups hold. */
  limitsProcesses: boolean;
  limitsMemory: boolean;
  /** SIGKILLs every process still in the cgroups, until they are empty. */
  killAll(): Promise<void>;
  /** Whether the command ran into its process limit, or had a process killed for memory. */
  exceeded(): Promise<{ processes: boolean; memory: boolean }>;
  /** Removes the (empty) cgroups. */
  remove(): Promise<void>;
}

interface Child {
  dir: string;
  version: 1 | 2;
  pids: boolean;
  memory: boolean;
}

const KILL_DEADLINE_MS = 5_000;
const REMOVE_ATTEMPTS = 20;

/**
 * Makes a fresh cgroup for one command with pids.max and the memory limit set, where the worker may. A cgroup
 * that cannot be made is logged and left out; the command then runs with its rlimits only.
 */
export async function createCommandCgroup(
  support: CgroupSupport,
  limits: SandboxLimits,
  logger: Logger,
): Promise<CommandCgroup> {
  const name = `pipeline-cmd-${process.pid}-${randomBytes(6).toString('hex')}`;
  const wanted = new Map<string, Child>();
  for (const controller of ['pids', 'memory'] as const) {
    const candidate = support[controller];
    if (!candidate) continue;
    const dir = join(candidate.dir, name);
    const child = wanted.get(dir) ?? { dir, version: candidate.version, pids: false, memory: false };
    child[controller] = true;
    wanted.set(dir, child);
  }
  const children: Child[] = [];
  for (const child of wanted.values()) {
    try {
      await mkdir(child.dir);
    } catch (error) {
      logger.warn({ err: error, cgroup: child.dir }, 'could not create the command cgroup; rlimits only');
      continue;
    }
    children.push(child);
    try {
      await writeLimits(child, limits);
    } catch (error) {
      logger.warn({ err: error, cgroup: child.dir }, 'could not set the command cgroup limits; rlimits only');
      child.pids = false;
      child.memory = false;
    }
  }
  const active = children.filter((c) => c.pids || c.memory);
  return {
    procsFiles: active.map((c) => join(c.dir, 'cgroup.procs')),
    limitsProcesses: active.some((c) => c.pids),
    limitsMemory: active.some((c) => c.memory),
    async killAll() {
      for (const child of children) await emptyCgroup(child, logger);
    },
    async exceeded() {
      const hit = { processes: false, memory: false };
      for (const child of active) {
        if (child.pids) hit.processes ||= (await counter(join(child.dir, 'pids.events'), 'max')) > 0;
        if (child.memory) {
          const events = child.version === 1 ? 'memory.oom_control' : 'memory.events';
          hit.memory ||= (await counter(join(child.dir, events), 'oom_kill')) > 0;
        }
      }
      return hit;
    },
    async remove() {
      for (const child of children) await removeCgroup(child.dir, logger);
    },
  };
}

async function writeLimits(child: Child, limits: SandboxLimits): Promise<void> {
  const bytes = String(limits.maxMemoryMb * 1024 * 1024);
  if (child.pids) await writeFile(join(child.dir, 'pids.max'), String(limits.maxProcesses));
  if (!child.memory) return;
  if (child.version === 1) {
    await writeFile(join(child.dir, 'memory.limit_in_bytes'), bytes);
    // Swap counts too where the kernel accounts for it, so a command cannot page its way past the limit.
    await writeOptional(join(child.dir, 'memory.memsw.limit_in_bytes'), bytes);
  } else {
    await writeFile(join(child.dir, 'memory.max'), bytes);
    await writeOptional(join(child.dir, 'memory.swap.max'), '0');
  }
}

async function writeOptional(file: string, value: string): Promise<void> {
  try {
    await access(file);
  } catch {
    return; // this kernel does not account for swap
  }
  await writeFile(file, value);
}

/** `name N` from a flat-keyed cgroup file (pids.events, memory.events, memory.oom_control); 0 when absent. */
async function counter(file: string, name: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * Kills what is left in the cgroup: v2's cgroup.kill when the kernel has it, then SIGKILL to every listed pid
 * until none is left (a fork bomb is bounded by pids.max, so this ends).
 */
async function emptyCgroup(child: Child, logger: Logger): Promise<void> {
  // cgroup.kill (Linux 5.14+) kills at once; where it fails, the SIGKILL loop below does the same job.
  if (child.version === 2) await writeOptional(join(child.dir, 'cgroup.kill'), '1').catch(() => undefined);
  const deadline = Date.now() + KILL_DEADLINE_MS;
  for (;;) {
    // A cgroup that is already gone has no process left.
    const pids = (await readFile(join(child.dir, 'cgroup.procs'), 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map(Number);
    if (pids.length === 0) return;
    if (Date.now() > deadline) {
      logger.error(
        { cgroup: child.dir, left: pids.length },
        'processes of a sandboxed command survived SIGKILL',
      );
      return;
    }
    for (const pid of pids) killQuietly(pid);
    await sleep(20);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function removeCgroup(dir: string, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= REMOVE_ATTEMPTS) {
        logger.warn({ err: error, cgroup: dir }, 'could not remove the command cgroup');
        return;
      }
      await sleep(50);
    }
  }
}
