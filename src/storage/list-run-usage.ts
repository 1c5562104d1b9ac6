import { num } from './rows.js';
import type { Queryable, RunUsage } from './types.js';

type Numeric = string | number;

interface RunUsageRow {
  agent: string;
  model: string;
  calls: number;
  input_tokens: Numeric;
  output_tokens: Numeric;
  cache_read_tokens: Numeric;
  cache_write_tokens: Numeric;
  cost_usd: Numeric;
}

/** A run's usage per agent and model, by agent then model. */
export async function listRunUsage(db: Queryable, runId: string): Promise<RunUsage[]> {
  const result = await db.query<RunUsageRow>(
    `SELECT agent, model, calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd
       FROM run_usage WHERE run_id = $1 ORDER BY agent, model`,
    [runId],
  );
  return result.rows.map((row) => ({
    agent: row.agent,
    model: row.model,
    calls: row.calls,
    inputTokens: num(row.input_tokens),
    outputTokens: num(row.output_tokens),
    cacheReadTokens: num(row.cache_read_tokens),
    cacheWriteTokens: num(row.cache_write_tokens),
    costUsd: num(row.cost_usd),
  }));
}
