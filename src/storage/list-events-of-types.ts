import { isOfTypes } from './events.js';
import type { EventRow } from './rows.js';
import {
  parseRunEvent,
  type RunEventOf,
  type RunEventType,
  type UnreadableRunEvent,
} from './run-events/index.js';
import type { Queryable } from './types.js';

/**
 * The run's events of some kinds, in order (at most `limit`, default 1000): what a reader that summarises
 * one side of a run (its plan, its pull request, its test rounds) needs, without the agents' chatter.
 */
export async function listEventsOfTypes<T extends RunEventType>(
  db: Queryable,
  runId: string,
  types: readonly T[],
  { limit }: { limit?: number } = {},
): Promise<Array<RunEventOf<T> | UnreadableRunEvent>> {
  const result = await db.query<EventRow>(
    'SELECT * FROM events WHERE run_id = $1 AND type = ANY($2::text[]) ORDER BY id LIMIT $3',
    [runId, types, Math.min(Math.max(limit ?? 1000, 1), 5000)],
  );
  return result.rows.map(parseRunEvent).filter((e) => isOfTypes(e, types));
}
