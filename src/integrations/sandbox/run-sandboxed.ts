import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EGRESS_SOCKET_NAME,
  FORWARDER_SCRIPT,
  sandboxNoProxy,
  startEgressProxy,
  type EgressProxy,
} from '../egress/index.js';
import { buildBwrapArgs, SANDBOX_EGRESS_DIR } from './build-bwrap-args.js';
import { buildSandboxEnv } from './build-sandbox-env.js';
import { createCommandCgroup, type CommandCgroup } from './create-command-cgroup.js';
import { detectCgroups } from './detect-cgroups.js';
import { detectSandbox } from './detect-sandbox.js';
import { runWatched } from './run-watched.js';
import { SandboxUnavailableError } from './sandbox-unavailable-error.js';
import type { AppliedLimits, SandboxKind, SandboxResult, SandboxedCommand } from './types.js';
import { withLimits } from './with-limits.js';

const DEFAULT_KILL_GRACE_MS = 2_000;
/** HOME inside bwrap: on the sandbox's private /tmp tmpfs, gone when the command ends. */
const BWRAP_HOME = '/tmp/home';
/** Variables that make bash run a file before the command; the limits wrapper runs on the host. */
const SHELL_STARTUP_VARS = ['BASH_ENV', 'ENV'];

/**
 * Runs an untrusted shell command in the workspace under bubblewrap: read-only system, private /tmp, no network
 * (or only the allow-listed hosts, through an egress proxy) unless allowed, scrubbed environment, in a cgroup of
 * its own with rlimits (processes, memory, file size, CPU time), and the timeout / abort / output limits. Fails
 * closed: when bubblewrap cannot isolate the command it is not run, and SandboxUnavailableError says why. Only
 * `mode: 'unsafe-none'` (an operator's explicit choice) runs it as a plain child process, with the same limits;
 * the result then says `sandbox: 'none'`.
 */
export async function runSandboxed(opts: SandboxedCommand): Promise<SandboxResult> {
  const kind = await chooseSandbox(opts);
  if (opts.signal?.aborted) return cancelledBeforeStart(kind);
  const workspace = await realpath(opts.cwd);
  const cgroup = await createCommandCgroup(await detectCgroups(opts.logger), opts.limits, opts.logger);
  const scratchHome =
    kind === 'none' && !opts.home ? await mkdtemp(join(tmpdir(), 'pipeline-home-')) : undefined;
  let proxy: EgressProxy | undefined;
  try {
    // Behind the proxy the command keeps its own empty network namespace; its only way out is the proxy's socket.
    if (kind === 'bwrap' && !opts.allowNetwork && opts.egressAllow) {
      proxy = await startEgressProxy({
        allow: opts.egressAllow,
        allowPublic: opts.egressAllowPublic,
        logger: opts.logger,
      });
    }
    const home = opts.home ?? scratchHome ?? BWRAP_HOME;
    const env = buildSandboxEnv({ home, inheritEnv: opts.inheritEnv, extra: opts.env });
    for (const name of SHELL_STARTUP_VARS) delete env[name];
    const command =
      kind === 'bwrap'
        ? {
            file: opts.bwrapPath ?? 'bwrap',
            args: [
              ...buildBwrapArgs({
                workspace,
                allowNetwork: opts.allowNetwork,
                home,
                readOnlyPaths: opts.readOnlyPaths,
                protectGitDir: opts.protectGitDir,
                egressSocketDir: proxy?.socketDir,
              }),
              '--',
              ...(proxy && opts.egressAllow
                ? [
                    process.execPath,
                    '-e',
                    FORWARDER_SCRIPT,
                    `${SANDBOX_EGRESS_DIR}/${EGRESS_SOCKET_NAME}`,
                    sandboxNoProxy(opts.egressAllow),
                  ]
                : ['bash', '-c']),
              opts.command,
            ],
          }
        : { file: 'bash', args: ['-c', opts.command] };
    const processRlimit = !cgroup.limitsProcesses && !runsAsRoot();
    const limited = withLimits(
      { limits: opts.limits, processRlimit, procsFiles: cgroup.procsFiles },
      command.file,
      command.args,
    );
    const result = await runWatched({
      ...limited,
      env,
      cwd: workspace,
      timeoutMs: opts.timeoutMs,
      outputCapBytes: opts.outputCapBytes,
      killGraceMs: opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      signal: opts.signal,
      logger: opts.logger,
    });
    return {
      ...result,
      sandbox: kind,
      limits: await settle(cgroup, processRlimit),
      ...(proxy ? { egress: { blocked: proxy.blocked() } } : {}),
    };
  } finally {
    // Nothing the command started may outlive it, even a process that left its group (setsid, double fork).
    await cgroup.killAll();
    await cgroup.remove();
    if (scratchHome) await rm(scratchHome, { recursive: true, force: true });
    await proxy?.close();
  }
}

/** Which limits held, and which the command ran into; read before its cgroups are emptied and removed. */
async function settle(cgroup: CommandCgroup, processRlimit: boolean): Promise<AppliedLimits> {
  const exceeded = await cgroup.exceeded();
  return {
    processes: cgroup.limitsProcesses ? 'cgroup' : processRlimit ? 'rlimit' : 'none',
    memory: cgroup.limitsMemory ? 'cgroup' : 'rlimit',
    processesExceeded: exceeded.processes,
    memoryExceeded: exceeded.memory,
  };
}

/** RLIMIT_NPROC does not bind root (uid 0 outside any user namespace), even inside bwrap's namespaces. */
function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

async function chooseSandbox(opts: SandboxedCommand): Promise<SandboxKind> {
  if (opts.mode === 'unsafe-none') {
    opts.logger.warn(
      'SANDBOX DISABLED (PIPELINE_SANDBOX=unsafe-none): the command runs as a plain process with the ' +
        "worker's file system and network",
    );
    return 'none';
  }
  const probe = await detectSandbox(opts.bwrapPath);
  if (!probe.usable) throw new SandboxUnavailableError(probe.reason, probe.detail);
  return 'bwrap';
}

function cancelledBeforeStart(sandbox: SandboxKind): SandboxResult {
  return {
    exitCode: null,
    signal: null,
    timedOut: false,
    cancelled: true,
    output: '',
    truncated: false,
    durationMs: 0,
    sandbox,
    limits: { processes: 'none', memory: 'rlimit', processesExceeded: false, memoryExceeded: false },
  };
}
