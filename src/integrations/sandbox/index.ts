export { runSandboxed } from './run-sandboxed.js';
export { detectSandbox } from './detect-sandbox.js';
export { pickEnv } from '../../config/pick-env.js';
export type { SandboxKind, SandboxResult, SandboxedCommand } from './types.js';
