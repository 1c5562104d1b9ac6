import type { Logger } from '../../monitoring/logger.js';

/**
 * Sends `signal` to every process in the group led by `pgid`.
 * A group that is already gone is fine; any other failure is logged, since it runs from timers.
 */
export function killProcessGroup(pgid: number, signal: NodeJS.Signals, logger: Logger): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
    logger.error({ err: error, pgid, signal }, 'could not signal the sandboxed process group');
  }
}
