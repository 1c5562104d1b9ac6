import type { Settings } from '../config/settings.js';
import { openSandbox, type Sandbox } from '../integrations/sandbox/index.js';
import type { Logger } from '../monitoring/logger.js';

/** The worker's sandbox as the settings describe it (mode, bwrap path, limits), probed once. */
export function openWorkerSandbox(settings: Settings, logger: Logger): Promise<Sandbox> {
  return openSandbox({
    mode: settings.PIPELINE_SANDBOX,
    bwrapPath: settings.PIPELINE_BWRAP_PATH,
    limits: {
      maxProcesses: settings.PIPELINE_SANDBOX_MAX_PROCESSES,
      maxMemoryMb: settings.PIPELINE_SANDBOX_MAX_MEMORY_MB,
      maxFileMb: settings.PIPELINE_SANDBOX_MAX_FILE_MB,
      maxCpuSeconds: settings.PIPELINE_SANDBOX_MAX_CPU_SECONDS,
    },
    egressAllow: settings.PIPELINE_EGRESS_ALLOW,
    logger: logger.child({ component: 'sandbox' }),
  });
}
