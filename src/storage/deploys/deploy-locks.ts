import type { Queryable } from '../types.js';

/**
 * Takes the environment's deploy lock for `runId`, in one statement: when nobody holds it, when `runId` already
 * does, or when its holder is no longer queued or running (it ended, or was superseded). True when `runId` holds
 * it now. The lock needs no release: the holder's run reaching a final status frees it.
 */
export async function takeDeployLock(
  db: Queryable,
  where: { repoFullName: string; environment: string; runId: string },
): Promise<boolean> {
  const result = await db.query<{ run_id: string }>(
    `INSERT INTO deploy_locks (repo_full_name, environment, run_id) VALUES ($1, $2, $3)
     ON CONFLICT (repo_full_name, environment) DO UPDATE SET run_id = EXCLUDED.run_id, taken_at = now()
     WHERE deploy_locks.run_id = EXCLUDED.run_id
        OR NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = deploy_locks.run_id AND r.status IN ('queued', 'running'))
     RETURNING run_id`,
    [where.repoFullName, where.environment, where.runId],
  );
  return result.rows[0]?.run_id === where.runId;
}

/** The run holding the environment's deploy lock (it may have ended since), if any ever took it. */
export async function deployLockHolder(
  db: Queryable,
  repoFullName: string,
  environment: string,
): Promise<string | null> {
  const result = await db.query<{ run_id: string }>(
    'SELECT run_id FROM deploy_locks WHERE repo_full_name = $1 AND environment = $2',
    [repoFullName, environment],
  );
  return result.rows[0]?.run_id ?? null;
}
