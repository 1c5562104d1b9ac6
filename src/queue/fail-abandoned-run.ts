import type pg from 'pg';
import type { Logger } from '../monitoring/logger.js';
import { applyTransition, withTransaction } from '../storage/index.js';
import { PermanentJobError } from './errors.js';
import type { EventBus } from './live-event.js';
import type { RunJob } from './types.js';

/** Where an abandoned run is marked failed, and (when given) where that is published live. */
export interface AbandonDeps {
  /** A pool: the move, its event and its audit row are written in one transaction. */
  db: pg.Pool;
  bus?: EventBus;
}

/** What `/pipeline status` shows for such a run; what the job threw is kept in the event, not shown. */
const ABANDONED =
  "The run stopped because its worker kept failing to advance it. The details are in the run's events; " +
  'comment `/pipeline retry` to try again.';

/**
 * Called when a job has failed for good (permanent error or no attempts left). A run left `queued` or
 * `running` would hold its issue forever, so it is marked failed, and watchers of the run see it at once.
 */
export async function failAbandonedRun(
  { db, bus }: AbandonDeps,
  job: RunJob,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const detail = error instanceof Error ? error.message : String(error);
  try {
    const applied = await withTransaction(db, (tx) =>
      applyTransition(tx, job.runId, 'abandon', {
        actor: 'app',
        message: shownError(error),
        error: shownError(error),
        data: { reason: job.reason, deliveryId: job.deliveryId ?? null, error: detail },
      }),
    );
    if (applied && bus) await bus.publish(applied.event);
  } catch (err) {
    logger.error({ err, runId: job.runId }, 'could not mark the abandoned run as failed');
  }
}

/** A PermanentJobError says why in the app's own words; anything else is raw and stays in the event. */
function shownError(error: unknown): string {
  if (error instanceof PermanentJobError) return error.message;
  if (error instanceof Error && error.cause instanceof PermanentJobError) return error.cause.message;
  return ABANDONED;
}
