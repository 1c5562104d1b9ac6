import { toRun, type RunRow } from './rows.js';
import type { Queryable, Run, TokenUsage, UsageSource } from './types.js';

/**
 * Adds one model call's usage and cost to the run's totals and to its row per agent and model, atomically in
 * one statement (safe with concurrent writers).
 */
export async function addRunUsage(
  db: Queryable,
  id: string,
  usage: TokenUsage,
  costUsd: number,
  source: UsageSource,
): Promise<Run | null> {
  const result = await db.query<RunRow>(
    `WITH by_model AS (
       INSERT INTO run_usage AS u
         (run_id, agent, model, calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd)
       SELECT id, $7, $8, 1, $2, $3, $4, $5, $6 FROM runs WHERE id = $1
       ON CONFLICT (run_id, agent, model) DO UPDATE SET
         calls = u.calls + 1,
         input_tokens = u.input_tokens + EXCLUDED.input_tokens,
         output_tokens = u.output_tokens + EXCLUDED.output_tokens,
         cache_read_tokens = u.cache_read_tokens + EXCLUDED.cache_read_tokens,
         cache_write_tokens = u.cache_write_tokens + EXCLUDED.cache_write_tokens,
         cost_usd = u.cost_usd + EXCLUDED.cost_usd
     )
     UPDATE runs SET
       input_tokens = input_tokens + $2,
       output_tokens = output_tokens + $3,
       cache_read_tokens = cache_read_tokens + $4,
       cache_write_tokens = cache_write_tokens + $5,
       cost_usd = cost_usd + $6,
       updated_at = now()
     WHERE id = $1
     RETURNING *`,
    [
      id,
      usage.inputTokens,
      usage.outputTokens,
      usage.cacheReadTokens,
      usage.cacheWriteTokens,
      costUsd,
      source.agent,
      source.model,
    ],
  );
  const row = result.rows[0];
  return row ? toRun(row) : null;
}
