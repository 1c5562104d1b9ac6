import type { Logger } from '../monitoring/logger.js';
import { getRun, type Queryable } from '../storage/index.js';
import { RunCancelledError } from './errors.js';

/** How often a working node reads its run's row to see whether a user cancelled it. */
export const CANCEL_POLL_MS = 500;

export type CancellationWatch = {
  /** Aborted when the run is cancelled, or when `parent` (the worker's job signal) aborts. */
  readonly signal: AbortSignal;
  /** True once the watch saw the run cancelled. */
  readonly cancelled: boolean;
  stop(): void;
};

/**
 * Watches a run while one of its nodes works: `/pipeline cancel` only changes the run's row (the web process
 * never talks to workers), so the worker reads the row every `intervalMs` and aborts the node's signal, which
 * kills a running command and stops the agent loop at once instead of at the next step boundary.
 */
export function watchCancellation(
  db: Queryable,
  runId: string,
  options: { parent?: AbortSignal | undefined; logger: Logger; intervalMs?: number },
): CancellationWatch {
  const controller = new AbortController();
  const { parent } = options;
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });

  let cancelled = false;
  let reading = false;
  const timer = setInterval(() => {
    if (reading || controller.signal.aborted) return;
    reading = true;
    getRun(db, runId)
      .then((run) => {
        if (run?.status !== 'cancelled' || controller.signal.aborted) return;
        cancelled = true;
        controller.abort(new RunCancelledError(runId));
      })
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, 'could not read the run to check for cancellation'),
      )
      .finally(() => {
        reading = false;
      });
  }, options.intervalMs ?? CANCEL_POLL_MS);
  timer.unref();

  return {
    signal: controller.signal,
    get cancelled() {
      return cancelled;
    },
    stop() {
      clearInterval(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
