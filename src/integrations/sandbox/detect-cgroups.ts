import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../monitoring/logger.js';
import {
  findCgroupCandidates,
  type CgroupCandidate,
  type CgroupController,
} from './find-cgroup-candidates.js';
import { removeStaleCgroups } from './remove-stale-cgroups.js';

/** Where commands' cgroups are made, per controller; a missing entry means that limit falls back to rlimits. */
export type CgroupSupport = Partial<Record<CgroupController, CgroupCandidate>>;

/** The file a child cgroup must have for the controller to limit it. */
const LIMIT_FILE: Record<CgroupController, Record<1 | 2, string>> = {
  pids: { 1: 'pids.max', 2: 'pids.max' },
  memory: { 1: 'memory.limit_in_bytes', 2: 'memory.max' },
};

let support: Promise<CgroupSupport> | undefined;

/**
 * Which cgroup controllers this process may use to limit a command, found once per process by making (and
 * removing) a child cgroup. Typical results: root on a host or a privileged container: pids and memory;
 * a non-root container without a delegated cgroup: none (the limits then rest on rlimits).
 */
export function detectCgroups(logger: Logger): Promise<CgroupSupport> {
  support ??= findSupport(logger);
  return support;
}

async function findSupport(logger: Logger): Promise<CgroupSupport> {
  // Without these files (not Linux, no /proc) there is no cgroup to use: the limits rest on rlimits.
  const [procSelfCgroup, mountinfo] = await Promise.all([
    readFile('/proc/self/cgroup', 'utf8').catch(() => ''),
    readFile('/proc/self/mountinfo', 'utf8').catch(() => ''),
  ]);
  const candidates = findCgroupCandidates(procSelfCgroup, mountinfo);
  const found: CgroupSupport = {};
  for (const controller of ['pids', 'memory'] as const) {
    for (const candidate of candidates[controller]) {
      if (await usable(candidate, controller, logger)) {
        found[controller] = candidate;
        break;
      }
    }
  }
  await removeStaleCgroups(found, logger);
  return found;
}

async function usable(candidate: CgroupCandidate, controller: CgroupController, logger: Logger) {
  if (candidate.version === 2) {
    const enabled = await readFile(join(candidate.dir, 'cgroup.subtree_control'), 'utf8').catch(() => '');
    if (!enabled.split(/\s+/).includes(controller)) return false;
  }
  const probe = join(candidate.dir, `pipeline-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(probe);
  } catch (error) {
    logger.debug({ err: error, cgroup: candidate.dir }, 'cannot create cgroups here');
    return false;
  }
  try {
    await access(join(probe, LIMIT_FILE[controller][candidate.version]));
    return true;
  } catch {
    return false;
  } finally {
    await rmdir(probe).catch((error: unknown) =>
      logger.warn({ err: error, cgroup: probe }, 'could not remove the probe cgroup'),
    );
  }
}
