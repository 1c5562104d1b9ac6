import type { Queryable, RunStatus } from './types.js';

/** How many runs the table holds in each status (statuses without runs are left out). */
export async function countRunsByStatus(db: Queryable): Promise<Partial<Record<RunStatus, number>>> {
  const result = await db.query<{ status: RunStatus; count: string }>(
    'SELECT status, count(*) AS count FROM runs GROUP BY status',
  );
  return Object.fromEntries(result.rows.map((row) => [row.status, Number(row.count)]));
}
