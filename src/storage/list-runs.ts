import { toRun, type RunRow } from './rows.js';
import { runFilterSql, type RunFilter } from './run-filter-sql.js';
import type { Queryable, Run, RunStatus } from './types.js';

export interface ListRunsFilter extends RunFilter {
  /** Default 50, at most 500. */
  limit?: number;
  /** Only runs listed after this one: the id of the last run of the previous page. */
  before?: string;
}

/** Newest first. */
export async function listRuns(db: Queryable, filter: ListRunsFilter = {}): Promise<Run[]> {
  const values: unknown[] = [];
  const where = runFilterSql(filter, values);
  if (filter.before !== undefined) {
    values.push(filter.before);
    where.push(`(created_at, id) < (SELECT created_at, id FROM runs WHERE id = $${values.length})`);
  }
  values.push(Math.min(Math.max(filter.limit ?? 50, 1), 500));
  const result = await db.query<RunRow>(
    `SELECT * FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
    values,
  );
  return result.rows.map(toRun);
}

/** Every run in one of the statuses, oldest first (used to recover work after a restart). */
export async function listRunsByStatus(db: Queryable, statuses: readonly RunStatus[]): Promise<Run[]> {
  const result = await db.query<RunRow>('SELECT * FROM runs WHERE status = ANY($1) ORDER BY created_at, id', [
    [...statuses],
  ]);
  return result.rows.map(toRun);
}
