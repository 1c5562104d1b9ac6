import { jsonParam, toStep, type StepRow } from './rows.js';
import type { Queryable, Step, StepStatus } from './types.js';

export async function startStep(
  db: Queryable,
  { runId, node, attempt }: { runId: string; node: string; attempt?: number },
): Promise<Step> {
  const result = await db.query<StepRow>(
    'INSERT INTO steps (run_id, node, attempt) VALUES ($1, $2, $3) RETURNING *',
    [runId, node, attempt ?? 1],
  );
  return toStep(firstRow(result.rows));
}

export interface StepOutcome {
  status: Exclude<StepStatus, 'running'>;
  tokens?: number;
  costUsd?: number;
  detail?: unknown;
}

/** Closes a running step; null when it is unknown or already finished. */
export async function finishStep(db: Queryable, stepId: number, outcome: StepOutcome): Promise<Step | null> {
  const result = await db.query<StepRow>(
    `UPDATE steps SET status = $2, finished_at = now(), tokens = tokens + $3, cost_usd = cost_usd + $4,
                      detail = COALESCE($5::jsonb, detail)
     WHERE id = $1 AND status = 'running'
     RETURNING *`,
    [stepId, outcome.status, outcome.tokens ?? 0, outcome.costUsd ?? 0, jsonParam(outcome.detail)],
  );
  const row = result.rows[0];
  return row ? toStep(row) : null;
}

/**
 * Closes the run's steps still `running` as failed. Steps of a run follow one another, so when one starts,
 * any other still open was cut off before it could record its end (its worker died, or the database dropped
 * the connection it was recording on). Returns how many there were.
 */
export async function failInterruptedSteps(db: Queryable, runId: string): Promise<number> {
  const result = await db.query(
    `UPDATE steps SET status = 'failed', finished_at = now(),
                      detail = COALESCE(detail, '{}'::jsonb) || '{"error": "interrupted before it could finish"}'::jsonb
     WHERE run_id = $1 AND status = 'running'`,
    [runId],
  );
  return result.rowCount ?? 0;
}

/** The run's steps in the order they started. */
export async function listSteps(db: Queryable, runId: string): Promise<Step[]> {
  const result = await db.query<StepRow>('SELECT * FROM steps WHERE run_id = $1 ORDER BY id', [runId]);
  return result.rows.map(toStep);
}

function firstRow<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
  return row;
}
