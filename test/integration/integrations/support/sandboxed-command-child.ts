/**
 * Runs one sandboxed command in a process of its own and prints the result as JSON: how a worker that is
 * not root (the production container's uid) runs commands, started by the parent under `setpriv`.
 */
import { runSandboxed, type SandboxLimits } from '../../../../src/integrations/sandbox/index.js';
import { silentLogger } from './silent-logger.js';

type Request = { command: string; cwd: string; timeoutMs: number; limits: SandboxLimits };
const request = JSON.parse(process.argv[2] ?? '{}') as Request;
const result = await runSandboxed({
  ...request,
  outputCapBytes: 16_000,
  allowNetwork: false,
  killGraceMs: 500,
  logger: silentLogger(),
});
process.stdout.write(JSON.stringify({ ...result, uid: process.getuid?.() }));
