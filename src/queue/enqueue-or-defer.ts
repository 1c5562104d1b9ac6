import type { Logger } from '../monitoring/logger.js';
import type { RunJob, RunQueue } from './types.js';

/** How long a caller waits for the queue before leaving the job to the workers' reconciliation. */
const ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * Enqueues a job for a run that is already recorded. When the queue cannot take it (Redis down or slow), the
 * run stays `queued` in the database and the workers' reconciliation enqueues it once the queue answers, so
 * the delivery is still acknowledged and nothing is lost. Returns false when the job was deferred.
 */
export async function enqueueOrDefer(queue: RunQueue, job: RunJob, log: Logger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the queue did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)),
      ENQUEUE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([queue.enqueue(job), timeout]);
    return true;
  } catch (error) {
    log.error(
      { err: error, runId: job.runId },
      'could not enqueue the run; it stays queued for the workers to pick up',
    );
    return false;
  } finally {
    clearTimeout(timer);
  }
}
