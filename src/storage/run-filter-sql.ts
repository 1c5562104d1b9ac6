import type { RunStatus } from './types.js';

/** Which runs a reader wants: the run list's filters, shared by the list and the run-list event stream. */
export interface RunFilter {
  status?: RunStatus | RunStatus[];
  /** `owner/name` */
  repo?: string;
  /** Only runs created at or after this moment. */
  since?: Date;
  /** Only runs of these repositories (`owner/name`) or of repositories of these owners. */
  within?: { repos: readonly string[]; owners: readonly string[] };
}

/** The SQL conditions of `filter` on the runs table (as `alias`), their parameters appended to `values`. */
export function runFilterSql(filter: RunFilter, values: unknown[], alias = 'runs'): string[] {
  const where: string[] = [];
  if (filter.status !== undefined) {
    values.push(Array.isArray(filter.status) ? filter.status : [filter.status]);
    where.push(`${alias}.status = ANY($${values.length})`);
  }
  if (filter.repo !== undefined) {
    values.push(filter.repo);
    where.push(`${alias}.repo_full_name = $${values.length}`);
  }
  if (filter.since !== undefined) {
    values.push(filter.since);
    where.push(`${alias}.created_at >= $${values.length}`);
  }
  if (filter.within !== undefined) {
    values.push([...filter.within.repos], [...filter.within.owners]);
    where.push(
      `(${alias}.repo_full_name = ANY($${values.length - 1}) OR split_part(${alias}.repo_full_name, '/', 1) = ANY($${values.length}))`,
    );
  }
  return where;
}
