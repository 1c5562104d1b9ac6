import { isOfType } from './events.js';
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
  const result = await db.query<EventRow>(
    'SELECT * FROM events WHERE run_id = $1 AND type = $2 ORDER BY id DESC LIMIT 1',
    [runId, type],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const event = parseRunEvent(row);
  return isOfType(event, type) ? event : undefined;
}
