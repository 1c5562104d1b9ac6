import { jsonParam, toRunEvent, type EventRow } from './rows.js';
import type { Queryable, RunEvent } from './types.js';

export interface NewRunEvent {
  runId: string;
  stepId?: number | null;
  /** Dotted kind, e.g. `step.started`, `plan.posted`, `tests.failed`. */
  type: string;
  /** One plain sentence for people reading the timeline. */
  message: string;
  data?: unknown;
}

export async function appendEvent(db: Queryable, event: NewRunEvent): Promise<RunEvent> {
  const result = await db.query<EventRow>(
    'INSERT INTO events (run_id, step_id, type, message, data) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING *',
    [event.runId, event.stepId ?? null, event.type, event.message, jsonParam(event.data)],
  );
  const row = result.rows[0];
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return toRunEvent(row);
}

/**
 * The run's events in order; `afterId` resumes a stream (SSE `Last-Event-ID`), `type` keeps one kind (a
 * cursor: "events of kind K after id N"). Default limit 500.
 */
export async function listEvents(
  db: Queryable,
  runId: string,
  { afterId, limit, type }: { afterId?: number; limit?: number; type?: string } = {},
): Promise<RunEvent[]> {
  const result = await db.query<EventRow>(
    `SELECT * FROM events WHERE run_id = $1 AND id > $2 AND ($4::text IS NULL OR type = $4)
     ORDER BY id LIMIT $3`,
    [runId, afterId ?? 0, Math.min(Math.max(limit ?? 500, 1), 5000), type ?? null],
  );
  return result.rows.map(toRunEvent);
}
