import type { Logger } from '../monitoring/logger.js';
import { appendEvent, transitionRun, type Queryable } from '../storage/index.js';
import type { RunJob } from './types.js';

/**
 * Called when a job has failed for good (permanent error or no attempts left). A run left `queued` or
 * `running` would hold its issue forever, so it is marked failed with the error.
 */
export async function failAbandonedRun(
  db: Queryable,
  job: RunJob,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const run = await transitionRun(db, job.runId, {
      from: ['queued', 'running'],
      to: 'failed',
      error: message,
    });
    if (!run) return;
    await appendEvent(db, {
      runId: run.id,
      type: 'run.failed',
      message: `The run stopped: ${message}`,
      data: { reason: job.reason, deliveryId: job.deliveryId ?? null },
    });
  } catch (err) {
    logger.error({ err, runId: job.runId }, 'could not mark the abandoned run as failed');
  }
}
