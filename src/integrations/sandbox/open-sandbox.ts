import { DEFAULT_EGRESS_ALLOW } from '../egress/index.js';
import type { Logger } from '../../monitoring/logger.js';
import { detectCgroups } from './detect-cgroups.js';
import { detectSandbox } from './detect-sandbox.js';
import { runSandboxed } from './run-sandboxed.js';
import { SandboxUnavailableError } from './sandbox-unavailable-error.js';
import type { SandboxLimits, SandboxMode, SandboxResult, SandboxedCommand } from './types.js';

/**
 * What this worker can do with agent commands: run them isolated, run them unisolated because the operator
 * said so, or nothing (bubblewrap unusable; `reason` is a plain sentence, `detail` the raw cause).
 */
export type SandboxStatus =
  | { state: 'isolated' }
  | { state: 'unsafe'; note: string }
  | { state: 'unavailable'; reason: string; detail: string };

export interface Sandbox {
  readonly status: SandboxStatus;
  readonly limits: SandboxLimits;
  /** The hosts this worker lets every command reach through the egress proxy: the registries, plus the operator's. */
  readonly egressAllow: readonly string[];
  /** Throws SandboxUnavailableError unless commands can run (isolated, or unsafe by the operator's choice). */
  assertUsable(): void;
  /** Runs one command with this worker's mode and limits. */
  run(command: Omit<SandboxedCommand, 'mode' | 'bwrapPath' | 'limits'>): Promise<SandboxResult>;
}

export interface SandboxOptions {
  mode: SandboxMode;
  bwrapPath: string;
  limits: SandboxLimits;
  /** Hosts added to the package registries that commands behind the egress proxy may reach. */
  egressAllow?: readonly string[];
  logger: Logger;
}

/** Shown on every run of a worker with PIPELINE_SANDBOX=unsafe-none. */
export const UNSAFE_SANDBOX_NOTE =
  'Commands run without a sandbox on this worker (PIPELINE_SANDBOX=unsafe-none): they can read its files ' +
  'and environment and reach its network.';

/**
 * Probes bubblewrap and the cgroups once, at worker start, and logs what commands will get. A worker whose
 * sandbox is unavailable still starts (its /readyz says why), but refuses every command.
 */
export async function openSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { mode, bwrapPath, limits, logger } = options;
  const egressAllow = [...DEFAULT_EGRESS_ALLOW, ...(options.egressAllow ?? [])];
  const status = await statusFor(mode, bwrapPath);
  const cgroups = await detectCgroups(logger);
  const limitsBy = {
    processes: cgroups.pids
      ? `cgroup v${cgroups.pids.version}`
      : process.getuid?.() === 0
        ? 'none (root without a writable cgroup)'
        : 'RLIMIT_NPROC',
    memory: cgroups.memory ? `cgroup v${cgroups.memory.version} + RLIMIT_DATA` : 'RLIMIT_DATA per process',
  };
  if (status.state === 'unavailable') {
    logger.error(
      { reason: status.reason, detail: status.detail, bwrapPath },
      `SANDBOX UNAVAILABLE: agent commands will be refused. ${new SandboxUnavailableError(status.reason, status.detail).message}`,
    );
  } else if (status.state === 'unsafe') {
    logger.warn(`SANDBOX DISABLED: ${UNSAFE_SANDBOX_NOTE}`);
  } else {
    logger.info(
      { bwrapPath, limits, limitsBy, egressAllow },
      'sandbox ready: agent commands run under bubblewrap',
    );
  }
  if (!cgroups.pids && process.getuid?.() === 0) {
    logger.warn(
      'sandboxed commands have no process limit: the worker runs as root (RLIMIT_NPROC does not bind root) ' +
        'and may not create cgroups here. Run it as a non-root user, or give it a writable cgroup.',
    );
  }
  return {
    status,
    limits,
    egressAllow,
    assertUsable() {
      if (status.state === 'unavailable') throw new SandboxUnavailableError(status.reason, status.detail);
    },
    run(command) {
      return runSandboxed({ ...command, mode, bwrapPath, limits });
    },
  };
}

async function statusFor(mode: SandboxMode, bwrapPath: string): Promise<SandboxStatus> {
  if (mode === 'unsafe-none') return { state: 'unsafe', note: UNSAFE_SANDBOX_NOTE };
  const probe = await detectSandbox(bwrapPath);
  return probe.usable ? { state: 'isolated' } : { state: 'unavailable', ...probe };
}
