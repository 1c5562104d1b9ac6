import { toRun, type RunRow } from './rows.js';
import type { Queryable, Run, RunStatus } from './types.js';

export interface ListRunsFilter {
  status?: RunStatus | RunStatus[];
  /** `owner/name` */
  repo?: string;
  /** Default 50, at most 500. */
  limit?: number;
  /** Only runs listed after this one: the id of the last run of the previous page. */
  before?: string;
  /** Only runs created at or after this moment. */
  since?: Date;
  /** Only runs of these repositories (`owner/name`) or of repositories of these owners. */
  within?: { repos: readonly string[]; owners: readonly string[] };
}

/** Newest first. */
export async function listRuns(db: Queryable, filter: ListRunsFilter = {}): Promise<Run[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (filter.status !== undefined) {
    values.push(Array.isArray(filter.status) ? filter.status : [filter.status]);
    where.push(`status = ANY($${values.length})`);
  }
  if (filter.repo !== undefined) {
    values.push(filter.repo);
    where.push(`repo_full_name = $${values.length}`);
  }
  if (filter.since !== undefined) {
    values.push(filter.since);
    where.push(`created_at >= $${values.length}`);
  }
  if (filter.within !== undefined) {
    values.push([...filter.within.repos], [...filter.within.owners]);
    where.push(
      `(repo_full_name = ANY($${values.length - 1}) OR split_part(repo_full_name, '/', 1) = ANY($${values.length}))`,
    );
  }
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
