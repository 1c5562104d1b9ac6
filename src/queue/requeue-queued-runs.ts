import type { Logger } from '../monitoring/logger.js';
import { listRunsByStatus, type Queryable } from '../storage/index.js';
import { jobForRun } from './job-for-run.js';
import type { RunQueue } from './types.js';

/**
 * Reconciles the runs table with the queue. A web process that died between committing a change and
 * enqueueing its job, or a queue that was down (a trigger, an approval, a retry, review feedback), leaves a
 * `queued` run with no job; it gets the job its last transition called for. The job's key is the one the
 * original enqueue used, so a job still in the queue makes this a no-op and no run gets two. Runs queued less
 * than `olderThanMs` ago are left alone (their job is most likely on its way).
 */
export async function requeueQueuedRuns(
  db: Queryable,
  queue: RunQueue,
  logger: Logger,
  olderThanMs: number,
): Promise<void> {
  const cutoff = Date.now() - olderThanMs;
  const stranded = (await listRunsByStatus(db, ['queued'])).filter(
    (run) => run.statusChangedAt.getTime() <= cutoff,
  );
  for (const run of stranded) await queue.enqueue(await jobForRun(db, run.id));
  if (stranded.length) logger.info({ count: stranded.length }, 'queued runs without a job enqueued again');
}
