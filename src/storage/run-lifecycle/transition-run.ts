import { toRun, type RunRow } from '../rows.js';
import { FinishedRunStatuses, type Queryable, type Run, type RunStatus } from '../types.js';

export interface RunTransition {
  /** The statuses the run may be in; anything else leaves it untouched. */
  from: readonly RunStatus[];
  to: RunStatus;
  /** Stored in `error`. Without it the error is kept, or cleared when the run goes back to queued/running. */
  error?: string;
  /** Counts one more attempt (`attempt + 1`). */
  startsAttempt?: boolean;
}

/**
 * Moves a run to `to` only if it is currently in one of `from`, in one statement, so two workers cannot
 * both claim it. Sets `started_at` on the first move to running, `finished_at` on a final status, and
 * `status_changed_at` whenever the status changes.
 * Returns the updated run, or null when the run is missing or was not in `from`.
 * Moving a finished run back to an active status throws a unique violation (23505) if the issue
 * already has another active run.
 */
export async function transitionRun(
  db: Queryable,
  id: string,
  transition: RunTransition,
): Promise<Run | null> {
  const result = await db.query<RunRow>(
    `UPDATE runs SET
       status = $2::text,
       error = CASE WHEN $3::text IS NOT NULL THEN $3::text
                    WHEN $2 IN ('queued', 'running') THEN NULL
                    ELSE error END,
       started_at = CASE WHEN $2 = 'running' THEN COALESCE(started_at, now()) ELSE started_at END,
       finished_at = CASE WHEN $2 = ANY($4::text[]) THEN now() ELSE NULL END,
       status_changed_at = CASE WHEN status = $2 THEN status_changed_at ELSE now() END,
       attempt = CASE WHEN $6::boolean THEN attempt + 1 ELSE attempt END,
       updated_at = now()
     WHERE id = $1 AND status = ANY($5::text[])
     RETURNING *`,
    [
      id,
      transition.to,
      transition.error ?? null,
      [...FinishedRunStatuses],
      [...transition.from],
      transition.startsAttempt ?? false,
    ],
  );
  const row = result.rows[0];
  return row ? toRun(row) : null;
}
