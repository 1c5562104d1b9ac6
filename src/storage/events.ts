import { jsonParam, type EventRow } from './rows.js';
import {
  InvalidRunEventError,
  parseRunEvent,
  parseRunEventBody,
  type RunEvent,
  type RunEventBodyInput,
  type RunEventOf,
  type RunEventType,
  type UnreadableRunEvent,
} from './run-events/index.js';
import type { Queryable } from './types.js';

/** A known event to record: its type and data are checked against the event's schema. */
export type NewRunEvent = {
  runId: string;
  stepId?: number | null;
  /** One plain sentence for people reading the timeline. */
  message: string;
} & RunEventBodyInput;

/**
 * Records an event on the run's timeline; the data stored is the one the schema parsed. Throws
 * InvalidRunEventError, writing nothing, for an unknown type or data that does not fit it.
 */
export async function appendEvent(db: Queryable, event: NewRunEvent): Promise<RunEvent> {
  const body = parseRunEventBody(event.type, event.data);
  const result = await db.query<EventRow>(
    'INSERT INTO events (run_id, step_id, type, message, data) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING *',
    [event.runId, event.stepId ?? null, body.type, event.message, jsonParam(body.data)],
  );
  const row = result.rows[0];
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  // What the database holds, read back as readers will read it.
  const stored = parseRunEvent(row);
  if (stored.type === 'unreadable') throw new InvalidRunEventError(stored.data.problem);
  return stored;
}

/**
 * The run's events in order; `afterId` resumes a stream (SSE `Last-Event-ID`), `type` keeps one kind (a
 * cursor: "events of kind K after id N"). Default limit 500. Rows no schema accepts come back as
 * `unreadable`, in their place, so a cursor still moves past them.
 */
export async function listEvents<T extends RunEventType = RunEventType>(
  db: Queryable,
  runId: string,
  { afterId, limit, type }: { afterId?: number; limit?: number; type?: T } = {},
): Promise<Array<RunEventOf<T> | UnreadableRunEvent>> {
  const result = await db.query<EventRow>(
    `SELECT * FROM events WHERE run_id = $1 AND id > $2 AND ($4::text IS NULL OR type = $4)
     ORDER BY id LIMIT $3`,
    [runId, afterId ?? 0, Math.min(Math.max(limit ?? 500, 1), 5000), type ?? null],
  );
  return result.rows.map(parseRunEvent).filter((e) => isOfType(e, type));
}

/** True for every row the query kept (it filtered by `type` already); narrows the parsed event to it. */
export function isOfType<T extends RunEventType>(
  event: RunEvent | UnreadableRunEvent,
  type: T | undefined,
): event is RunEventOf<T> | UnreadableRunEvent {
  return type === undefined || event.type === 'unreadable' || event.type === type;
}

/** True for every row a query by `types` kept; narrows the parsed event to them. */
export function isOfTypes<T extends RunEventType>(
  event: RunEvent | UnreadableRunEvent,
  types: readonly T[],
): event is RunEventOf<T> | UnreadableRunEvent {
  return event.type === 'unreadable' || (types as readonly RunEventType[]).includes(event.type);
}
