export { runSandboxed } from './run-sandboxed.js';
export { detectSandbox, type SandboxProbe } from './detect-sandbox.js';
export { openSandbox, type Sandbox, type SandboxOptions, type SandboxStatus } from './open-sandbox.js';
export { SandboxUnavailableError, SANDBOX_FIX } from './sandbox-unavailable-error.js';
export type {
  AppliedLimits,
  SandboxKind,
  SandboxLimits,
  SandboxMode,
  SandboxResult,
  SandboxedCommand,
} from './types.js';
export { sandboxedServerCommand, SANDBOXED_SERVER_HOME } from './sandboxed-server-command.js';
