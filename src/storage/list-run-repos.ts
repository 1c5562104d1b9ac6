import type { Queryable } from './types.js';

/** Every repository (`owner/name`) that has a run: what a person's access is asked about. */
export async function listRunRepos(db: Queryable): Promise<string[]> {
  const result = await db.query<{ repo_full_name: string }>(
    'SELECT DISTINCT repo_full_name FROM runs ORDER BY repo_full_name',
  );
  return result.rows.map((row) => row.repo_full_name);
}
