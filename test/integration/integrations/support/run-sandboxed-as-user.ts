import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SandboxLimits, SandboxResult } from '../../../../src/integrations/sandbox/index.js';

const CHILD = fileURLToPath(new URL('./sandboxed-command-child.ts', import.meta.url));
const run = promisify(execFile);

/** The uid of `nobody`: a user with no processes of its own here, like the image's `node` user in its pod. */
export const NOBODY = 65534;

/**
 * `runSandboxed` in a node process running as `uid` (dropped with setpriv, no capabilities), as the production
 * container runs the worker. `cwd` must be writable by that user.
 */
export async function runSandboxedAsUser(
  uid: number,
  request: { command: string; cwd: string; timeoutMs: number; limits: SandboxLimits },
): Promise<SandboxResult & { uid: number }> {
  const { stdout } = await run(
    'setpriv',
    [
      `--reuid=${uid}`,
      `--regid=${uid}`,
      '--clear-groups',
      '--inh-caps=-all',
      '--',
      process.execPath,
      '--import',
      'tsx',
      CHILD,
      JSON.stringify(request),
    ],
    { env: { PATH: process.env.PATH ?? '', HOME: request.cwd }, timeout: request.timeoutMs + 30_000 },
  );
  return JSON.parse(stdout) as SandboxResult & { uid: number };
}
