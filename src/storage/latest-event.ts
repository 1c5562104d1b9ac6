import { toRunEvent, type EventRow } from './rows.js';
import type { Queryable, RunEvent } from './types.js';

/** The run's newest event of `type`, or undefined: where a cursor kept on the timeline stands. */
export async function latestEvent(db: Queryable, runId: string, type: string): Promise<RunEvent | undefined> {
  const result = await db.query<EventRow>(
    'SELECT * FROM events WHERE run_id = $1 AND type = $2 ORDER BY id DESC LIMIT 1',
    [runId, type],
  );
  const row = result.rows[0];
  return row ? toRunEvent(row) : undefined;
}
