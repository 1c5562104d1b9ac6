import { toRun, type RunRow } from './rows.js';
import type { Queryable, Run, TokenUsage } from './types.js';

/** Adds model usage and cost to the run's totals atomically (safe with concurrent writers). */
export async function addRunUsage(
  db: Queryable,
  id: string,
  usage: TokenUsage,
  costUsd: number,
): Promise<Run | null> {
  const result = await db.query<RunRow>(
    `UPDATE runs SET
       input_tokens = input_tokens + $2,
       output_tokens = output_tokens + $3,
       cache_read_tokens = cache_read_tokens + $4,
       cache_write_tokens = cache_write_tokens + $5,
       cost_usd = cost_usd + $6,
       updated_at = now()
     WHERE id = $1
     RETURNING *`,
    [id, usage.inputTokens, usage.outputTokens, usage.cacheReadTokens, usage.cacheWriteTokens, costUsd],
  );
  const row = result.rows[0];
  return row ? toRun(row) : null;
}
