import { toRun, type EventRow, type RunRow } from './rows.js';
import { runFilterSql, type RunFilter } from './run-filter-sql.js';
import { parseRunEvent, type StoredRunEvent } from './run-events/index.js';
import type { Queryable, Run } from './types.js';

/** An event of the run list's stream, with its run as it stands now. */
export interface RunListEvent {
  event: StoredRunEvent;
  run: Run;
}

/**
 * The events of every run `filter` keeps, after event `afterId`, in order of id (the run-list stream's replay
 * after `Last-Event-ID`). Default limit 500.
 */
export async function listEventsOfRuns(
  db: Queryable,
  filter: RunFilter,
  { afterId, limit }: { afterId: number; limit?: number },
): Promise<RunListEvent[]> {
  const values: unknown[] = [afterId];
  const where = ['e.id > $1', ...runFilterSql(filter, values, 'r')];
  values.push(Math.min(Math.max(limit ?? 500, 1), 5000));
  const events = await db.query<EventRow>(
    `SELECT e.* FROM events e JOIN runs r ON r.id = e.run_id WHERE ${where.join(' AND ')}
     ORDER BY e.id LIMIT $${values.length}`,
    values,
  );
  if (events.rows.length === 0) return [];
  const runIds = [...new Set(events.rows.map((row) => row.run_id))];
  const runs = await db.query<RunRow>('SELECT * FROM runs WHERE id = ANY($1)', [runIds]);
  const byId = new Map(runs.rows.map((row) => [row.id, toRun(row)]));
  return events.rows.flatMap((row) => {
    const run = byId.get(row.run_id);
    return run ? [{ event: parseRunEvent(row), run }] : [];
  });
}

/** The newest event id of all runs (0 when there is none): where a run list rendered now is up to. */
export async function newestEventId(db: Queryable): Promise<number> {
  const result = await db.query<{ id: string | number | null }>('SELECT max(id) AS id FROM events');
  return Number(result.rows[0]?.id ?? 0);
}
