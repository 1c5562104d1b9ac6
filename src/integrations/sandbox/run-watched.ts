import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../monitoring/logger.js';
import { CappedOutput } from './capped-output.js';
import { killProcessGroup } from './kill-process-group.js';
import type { SandboxResult } from './types.js';

export interface WatchedProcess {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  outputCapBytes: number;
  killGraceMs: number;
  signal?: AbortSignal | undefined;
  logger: Logger;
}

/** How long to wait for the pipes to close after the process itself has exited. */
const PIPE_DRAIN_MS = 2_000;

/**
 * Runs one process as the leader of its own process group and enforces the limits:
 * timeout and abort stop the whole group (SIGTERM, then SIGKILL after the grace period),
 * and the combined output is capped.
 */
export function runWatched(proc: WatchedProcess): Promise<Omit<SandboxResult, 'sandbox' | 'limits'>> {
  const started = performance.now();
  const output = new CappedOutput(proc.outputCapBytes);
  return new Promise((resolve, reject) => {
    const child = spawn(proc.file, proc.args, {
      cwd: proc.cwd,
      env: proc.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;

    const stop = (): void => {
      if (child.pid === undefined || killTimer) return;
      killProcessGroup(child.pid, 'SIGTERM', proc.logger);
      const pgid = child.pid;
      killTimer = setTimeout(() => killProcessGroup(pgid, 'SIGKILL', proc.logger), proc.killGraceMs);
    };
    const onTimeout = (): void => {
      timedOut = true;
      stop();
    };
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    const timeoutTimer = setTimeout(onTimeout, proc.timeoutMs);
    proc.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      clearTimeout(drainTimer);
      clearTimeout(killTimer);
      proc.signal?.removeEventListener('abort', onAbort);
      // Nothing the command started may outlive it: background stragglers in its group are killed too.
      if (child.pid !== undefined) killProcessGroup(child.pid, 'SIGKILL', proc.logger);
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        cancelled,
        output: output.toString(),
        truncated: output.truncated,
        durationMs: Math.round(performance.now() - started),
      });
    };

    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeoutTimer);
      proc.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`could not start ${proc.file}: ${error.message}`, { cause: error }));
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, PIPE_DRAIN_MS);
    });
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      exit ??= { code, signal };
      finish();
    });
  });
}
