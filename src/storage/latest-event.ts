import { toRunEvent, type EventRow } from './rows.js';
import type { Queryable, RunEvent } from './types.js';

/** The run's newest event of `type`, or undefined: where a cursor kept on the timeline stands. */
export async function latestEvent(db: Queryable, runId: string, type: string): Promise<RunEvent | undefined> {
  return latestEventOf(db, runId, [type]);
}

/** The run's newest event of any of `types`, or undefined. */
export async function latestEventOf(
  db: Queryable,
  runId: string,
  types: readonly string[],
): Promise<RunEvent | undefined> {
  const result = await db.query<EventRow>(
    'SELECT * FROM events WHERE run_id = $1 AND type = ANY($2) ORDER BY id DESC LIMIT 1',
    [runId, [...types]],
  );
  const row = result.rows[0];
  return row ? toRunEvent(row) : undefined;
}
