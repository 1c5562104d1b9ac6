import { type EventRow } from './rows.js';
import {
  parseRunEvent,
  type RunEventOf,
  type RunEventType,
  type UnreadableRunEvent,
} from './run-events/index.js';
import type { Queryable } from './types.js';

/** The run's newest event of `type`, or undefined: where a cursor kept on the timeline stands. */
export async function latestEvent<T extends RunEventType>(
  db: Queryable,
  runId: string,
  type: T,
): Promise<RunEventOf<T> | UnreadableRunEvent | undefined> {
  return latestEventOf(db, runId, [type]);
}

/** The run's newest event of any of `types`, or undefined. */
export async function latestEventOf<T extends RunEventType>(
  db: Queryable,
  runId: string,
  types: readonly T[],
): Promise<RunEventOf<T> | UnreadableRunEvent | undefined> {
  const result = await db.query<EventRow>(
    'SELECT * FROM events WHERE run_id = $1 AND type = ANY($2) ORDER BY id DESC LIMIT 1',
    [runId, [...types]],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const event = parseRunEvent(row);
  return event.type === 'unreadable' || (types as readonly string[]).includes(event.type)
    ? (event as RunEventOf<T> | UnreadableRunEvent)
    : undefined;
}
