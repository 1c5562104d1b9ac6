import { spawn } from 'node:child_process';
import type { SandboxKind } from './types.js';

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

let probe: Promise<SandboxKind> | undefined;

/**
 * Whether bubblewrap is installed and allowed to create namespaces here. Probed once per process.
 * Resolves to `none` (never rejects) when bwrap is missing, forbidden, or hangs.
 */
export function detectSandbox(): Promise<SandboxKind> {
  probe ??= probeBwrap();
  return probe;
}

function probeBwrap(): Promise<SandboxKind> {
  return new Promise((resolve) => {
    const child = spawn('bwrap', PROBE_ARGS, { stdio: 'ignore', env: {} });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('none');
    }, PROBE_TIMEOUT_MS);
    child.once('error', () => {
      clearTimeout(timer);
      resolve('none');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'bwrap' : 'none');
    });
  });
}
