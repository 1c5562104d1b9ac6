import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBwrapArgs } from './build-bwrap-args.js';
import { buildSandboxEnv } from './build-sandbox-env.js';
import { detectSandbox } from './detect-sandbox.js';
import { runWatched } from './run-watched.js';
import type { SandboxKind, SandboxResult, SandboxedCommand } from './types.js';

const DEFAULT_KILL_GRACE_MS = 2_000;
/** HOME inside bwrap: on the sandbox's private /tmp tmpfs, gone when the command ends. */
const BWRAP_HOME = '/tmp/home';

/**
 * Runs an untrusted shell command in the workspace with bubblewrap isolation when available:
 * read-only system, private /tmp, no network unless allowed, scrubbed environment, and the
 * timeout / abort / output limits. Without usable bwrap the same limits apply to a plain child
 * process, a warning is logged, and the result says `sandbox: 'none'`.
 */
export async function runSandboxed(opts: SandboxedCommand): Promise<SandboxResult> {
  const kind = await chooseSandbox(opts);
  if (opts.signal?.aborted) return cancelledBeforeStart(kind);
  const workspace = await realpath(opts.cwd);
  const limits = {
    cwd: workspace,
    timeoutMs: opts.timeoutMs,
    outputCapBytes: opts.outputCapBytes,
    killGraceMs: opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    signal: opts.signal,
    logger: opts.logger,
  };
  if (kind === 'bwrap') {
    const home = opts.home ?? BWRAP_HOME;
    const env = buildSandboxEnv({ home, inheritEnv: opts.inheritEnv, extra: opts.env });
    const bwrapArgs = buildBwrapArgs({
      workspace,
      allowNetwork: opts.allowNetwork,
      home,
      readOnlyPaths: opts.readOnlyPaths,
      protectGitDir: opts.protectGitDir,
    });
    const args = [...bwrapArgs, '--', 'bash', '-c', opts.command];
    return { ...(await runWatched({ ...limits, file: 'bwrap', args, env })), sandbox: 'bwrap' };
  }
  const scratchHome = opts.home ? undefined : await mkdtemp(join(tmpdir(), 'pipeline-home-'));
  try {
    const home = opts.home ?? scratchHome ?? workspace;
    const env = buildSandboxEnv({ home, inheritEnv: opts.inheritEnv, extra: opts.env });
    const args = ['-c', opts.command];
    return { ...(await runWatched({ ...limits, file: 'bash', args, env })), sandbox: 'none' };
  } finally {
    if (scratchHome) await rm(scratchHome, { recursive: true, force: true });
  }
}

async function chooseSandbox(opts: SandboxedCommand): Promise<SandboxKind> {
  if (opts.mode === 'none') {
    opts.logger.warn('SANDBOX DISABLED by option: the command runs as a plain process with full host access');
    return 'none';
  }
  const kind = await detectSandbox();
  if (kind === 'none') {
    opts.logger.warn(
      'SANDBOX UNAVAILABLE: bubblewrap (bwrap) is missing or cannot create namespaces here; ' +
        'the command runs as a plain process with full host access. Install bubblewrap to isolate it.',
    );
  }
  return kind;
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
  };
}
