import type { BlockedRequest } from '../egress/index.js';
import type { Logger } from '../../monitoring/logger.js';

/** How a command was isolated: `bwrap` (bubblewrap namespaces) or `none` (plain child process, same limits). */
export type SandboxKind = 'bwrap' | 'none';

/**
 * What the operator asked for: `bwrap` fails closed (no command runs when bubblewrap cannot isolate it);
 * `unsafe-none` runs commands as plain processes.
 */
export type SandboxMode = 'bwrap' | 'unsafe-none';

/** Resource limits of one sandboxed command. */
export interface SandboxLimits {
  /** Processes (and threads) at once: a pids cgroup, or RLIMIT_NPROC when the worker is not root. */
  maxProcesses: number;
  /** MB for the whole command (memory cgroup) and for each process (RLIMIT_DATA). */
  maxMemoryMb: number;
  /** Largest file any process may write (RLIMIT_FSIZE). */
  maxFileMb: number;
  /** CPU seconds per process (RLIMIT_CPU). */
  maxCpuSeconds: number;
}

/** Which limits held for a command, and which it ran into. */
export interface AppliedLimits {
  /** `cgroup` (pids.max), `rlimit` (RLIMIT_NPROC, non-root only) or `none` (root without a writable cgroup). */
  processes: 'cgroup' | 'rlimit' | 'none';
  /** `cgroup` (the command's total, plus RLIMIT_DATA per process) or `rlimit` (RLIMIT_DATA per process only). */
  memory: 'cgroup' | 'rlimit';
  /** The command tried to go past its process limit (seen by the cgroup). */
  processesExceeded: boolean;
  /** A process of the command was killed for going past the memory limit (seen by the cgroup). */
  memoryExceeded: boolean;
}

export interface SandboxedCommand {
  /** Shell command line, run as `bash -c <command>` inside the sandbox (passed as one argv element). */
  command: string;
  /** The workspace: the only host directory the command may write to; also its working directory. */
  cwd: string;
  /** Wall-clock limit; on expiry the whole process group gets SIGTERM, then SIGKILL after `killGraceMs`. */
  timeoutMs: number;
  /** Most bytes of output kept: the head and the tail, with a note saying how much was cut. */
  outputCapBytes: number;
  /** Share the host network namespace. Without it the command has no network at all, not even loopback. */
  allowNetwork: boolean;
  /**
   * Hosts (`host`, `host:port`, `*.suffix`) the command may reach through an egress proxy when `allowNetwork` is
   * false; it has no other network. Absent: no network at all. Only bwrap enforces it; `unsafe-none` has the
   * worker's whole network anyway.
   */
  egressAllow?: readonly string[] | undefined;
  /**
   * More hosts for the proxy, from a repository's own config: reached only at public addresses (never the worker's
   * loopback, private networks or link-local), and only when `egressAllow` is set.
   */
  egressAllowPublic?: readonly string[] | undefined;
  /** Extra, non-secret environment variables for the command. */
  env?: Record<string, string>;
  /** Names of variables copied from this process's environment (an explicit allow-list; default none). */
  inheritEnv?: readonly string[];
  /** Extra host paths (toolchains, caches) mounted read-only at the same place under bwrap. */
  readOnlyPaths?: readonly string[];
  /**
   * Mount the workspace's `.git` read-only (default true), so the command cannot plant hooks or
   * config that the host's later git calls would run. Only bwrap can enforce this.
   */
  protectGitDir?: boolean;
  /** HOME for the command; defaults to a throw-away directory (a tmpfs under bwrap). */
  home?: string;
  /** Cancels the command the way a timeout does, with `cancelled: true`. */
  signal?: AbortSignal;
  /**
   * `bwrap` (default) isolates the command or refuses it with SandboxUnavailableError; `unsafe-none` runs it
   * as a plain child process (limits still apply).
   */
  mode?: SandboxMode;
  /** The bubblewrap executable; default `bwrap` on PATH. */
  bwrapPath?: string;
  /** Processes, memory, file size and CPU time. */
  limits: SandboxLimits;
  /** Time between SIGTERM and SIGKILL. Default 2000 ms. */
  killGraceMs?: number;
  logger: Logger;
}

export interface SandboxResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** stdout and stderr in arrival order, capped, with a truncation note when cut. */
  output: string;
  truncated: boolean;
  durationMs: number;
  sandbox: SandboxKind;
  limits: AppliedLimits;
  /** Present when the command ran behind the egress proxy: the requests it refused. */
  egress?: { blocked: BlockedRequest[] };
}
