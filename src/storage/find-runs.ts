import { toRun, type RunRow } from './rows.js';
import { ActiveRunStatuses, type Queryable, type Run } from './types.js';

async function one(db: Queryable, sql: string, values: unknown[]): Promise<Run | null> {
  const result = await db.query<RunRow>(sql, values);
  const row = result.rows[0];
  return row ? toRun(row) : null;
}

export function getRun(db: Queryable, id: string): Promise<Run | null> {
  return one(db, 'SELECT * FROM runs WHERE id = $1', [id]);
}

/** The run holding the issue (queued, running or waiting), if any. */
export function findActiveRun(db: Queryable, repoFullName: string, issueNumber: number): Promise<Run | null> {
  return one(db, 'SELECT * FROM runs WHERE repo_full_name = $1 AND issue_number = $2 AND status = ANY($3)', [
    repoFullName,
    issueNumber,
    [...ActiveRunStatuses],
  ]);
}

/** The most recently created run of the issue, whatever its status. */
export function findLatestRun(db: Queryable, repoFullName: string, issueNumber: number): Promise<Run | null> {
  return one(
    db,
    `SELECT * FROM runs WHERE repo_full_name = $1 AND issue_number = $2
     ORDER BY created_at DESC, id DESC LIMIT 1`,
    [repoFullName, issueNumber],
  );
}

/** The most recent run that opened the given pull request. */
export function findRunByPullRequest(
  db: Queryable,
  repoFullName: string,
  prNumber: number,
): Promise<Run | null> {
  return one(
    db,
    `SELECT * FROM runs WHERE repo_full_name = $1 AND pr_number = $2
     ORDER BY created_at DESC, id DESC LIMIT 1`,
    [repoFullName, prNumber],
  );
}
