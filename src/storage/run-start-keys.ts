import { getRun } from './find-runs.js';
import type { Queryable, Run } from './types.js';

/**
 * The run an earlier start with this caller's key made, if any. Inside a transaction it first takes a lock on
 * the key (released at commit), so two starts with one key at once are one after the other: the second finds
 * the first one's run.
 */
export async function claimRunStartKey(db: Queryable, actor: string, key: string): Promise<Run | null> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${actor} ${key}`]);
  return findRunByStartKey(db, actor, key);
}

/** The run this caller's key started, if any (no lock: for a look before doing anything). */
export async function findRunByStartKey(db: Queryable, actor: string, key: string): Promise<Run | null> {
  const found = await db.query<{ run_id: string }>(
    'SELECT run_id FROM run_start_keys WHERE actor = $1 AND key = $2',
    [actor, key],
  );
  const runId = found.rows[0]?.run_id;
  return runId ? getRun(db, runId) : null;
}

/** Records that this caller's key started `runId`. */
export async function recordRunStartKey(
  db: Queryable,
  actor: string,
  key: string,
  runId: string,
): Promise<void> {
  await db.query(
    'INSERT INTO run_start_keys (actor, key, run_id) VALUES ($1, $2, $3) ON CONFLICT (actor, key) DO NOTHING',
    [actor, key, runId],
  );
}
