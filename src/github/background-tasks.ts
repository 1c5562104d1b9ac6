import type { Logger } from '../monitoring/logger.js';

/**
 * Work a webhook handler starts after it has recorded and enqueued (reactions, replies) so that GitHub gets
 * its answer at once. Failures are logged with the delivery id; shutdown waits for what is in flight.
 */
export function createBackgroundTasks(logger: Logger) {
  const inFlight = new Set<Promise<void>>();
  return {
    run(label: string, log: Logger, task: () => Promise<unknown>): void {
      const promise = task()
        .then(() => undefined)
        .catch((error: unknown) => log.error({ err: error, task: label }, `background task failed: ${label}`))
        .finally(() => inFlight.delete(promise));
      inFlight.add(promise);
    },
    /** Resolves when every task started so far has ended. */
    async settle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      logger.debug('background tasks settled');
    },
    get size(): number {
      return inFlight.size;
    },
  };
}

export type BackgroundTasks = ReturnType<typeof createBackgroundTasks>;
