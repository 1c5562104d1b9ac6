import type { SandboxLimits } from '../../../../src/integrations/sandbox/index.js';

/** Limits roomy enough that ordinary test commands never meet them. */
export const roomyLimits: SandboxLimits = {
  maxProcesses: 256,
  maxMemoryMb: 2048,
  maxFileMb: 256,
  maxCpuSeconds: 120,
};
