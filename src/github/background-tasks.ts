import type { Logger } from '../monitoring/logger.js';

/** Optional work (👀 reactions) is skipped once this many tasks wait, so a flood cannot grow memory without bound. */
const DEFAULT_OPTIONAL_LIMIT = 100;

/**
 * Work a webhook handler starts after it has recorded and enqueued (reactions, replies) so that GitHub gets
 * its answer at once. Failures are logged with the delivery id; shutdown waits for what is in flight.
 */
export function createBackgroundTasks(logger: Logger, options: { optionalLimit?: number } = {}) {
  const inFlight = new Set<Promise<void>>();
  const optionalLimit = options.optionalLimit ?? DEFAULT_OPTIONAL_LIMIT;
  let skipped = 0;

  const start = (label: string, log: Logger, task: () => Promise<unknown>): void => {
    const promise = afterAnswer()
      .then(task)
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error, task: label }, `background task failed: ${label}`))
      .finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  };

  return {
    /** Work that must happen (a reply telling someone why nothing started). */
    run: start,
    /** Work that may be dropped under load; returns false when it was. */
    runIfRoom(label: string, log: Logger, task: () => Promise<unknown>): boolean {
      if (inFlight.size >= optionalLimit) {
        skipped++;
        if (skipped === 1 || skipped % 1000 === 0)
          log.warn({ task: label, skipped }, 'background queue full: optional task skipped');
        return false;
      }
      start(label, log, task);
      return true;
    },
    /** Resolves when every task started so far has ended, or after `timeoutMs`. */
    async settle(timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([
          Promise.all([...inFlight]),
          new Promise((resolve) => setTimeout(resolve, deadline - Date.now())),
        ]);
      }
      if (inFlight.size > 0)
        logger.warn({ pending: inFlight.size }, 'background tasks still pending at shutdown');
    },
    get size(): number {
      return inFlight.size;
    },
  };
}

/** Resolves after the current I/O callback and its microtasks: the webhook's answer is written first. */
function afterAnswer(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export type BackgroundTasks = ReturnType<typeof createBackgroundTasks>;
