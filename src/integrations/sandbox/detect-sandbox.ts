import { spawn } from 'node:child_process';

/** The same namespaces `runSandboxed` asks for, on a trivial command. */
const PROBE_ARGS = [
  '--unshare-all',
  '--die-with-parent',
  '--new-session',
  '--ro-bind',
  '/',
  '/',
  '--proc',
  '/proc',
  '--dev',
  '/dev',
  'true',
];
const PROBE_TIMEOUT_MS = 5_000;
const DETAIL_CHARS = 500;

/**
 * Whether bubblewrap can isolate commands here. When it cannot, `reason` is a plain sentence for people
 * (status comments, /readyz) and `detail` the raw cause (bwrap's own message, the spawn error) for operators.
 */
export type SandboxProbe = { usable: true } | { usable: false; reason: string; detail: string };

const probes = new Map<string, Promise<SandboxProbe>>();

/**
 * Runs bubblewrap (`bwrapPath`, a name on PATH or a path) once per process and path on a trivial command with
 * the namespaces the sandbox uses. Never rejects: a missing, forbidden or hanging bwrap is `usable: false`.
 */
export function detectSandbox(bwrapPath = 'bwrap'): Promise<SandboxProbe> {
  let probe = probes.get(bwrapPath);
  if (!probe) {
    probe = probeBwrap(bwrapPath);
    probes.set(bwrapPath, probe);
  }
  return probe;
}

function probeBwrap(bwrapPath: string): Promise<SandboxProbe> {
  return new Promise((resolve) => {
    const child = spawn(bwrapPath, PROBE_ARGS, { stdio: ['ignore', 'ignore', 'pipe'], env: {} });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < DETAIL_CHARS) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({
        usable: false,
        reason: `bubblewrap (${bwrapPath}) did not finish a trivial command within ${PROBE_TIMEOUT_MS / 1000} s`,
        detail: stderr.slice(0, DETAIL_CHARS),
      });
    }, PROBE_TIMEOUT_MS);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        usable: false,
        reason:
          error.code === 'ENOENT'
            ? `bubblewrap (${bwrapPath}) is not installed`
            : `bubblewrap (${bwrapPath}) could not be started`,
        detail: error.message,
      });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ usable: true });
      resolve({
        usable: false,
        reason: `bubblewrap (${bwrapPath}) cannot create its namespaces here`,
        detail: `${code === null ? `killed by ${signal}` : `exit ${code}`}: ${stderr.trim().slice(0, DETAIL_CHARS)}`,
      });
    });
  });
}
