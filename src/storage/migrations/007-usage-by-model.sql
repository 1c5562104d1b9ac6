-- A run's model usage and cost per agent and model (the runs row keeps the totals), for the API's run detail
-- and the dashboard's cost per agent. Added to by the same statement that adds to the run's totals.
CREATE TABLE IF NOT EXISTS run_usage (
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  agent text NOT NULL,
  model text NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cache_read_tokens bigint NOT NULL DEFAULT 0,
  cache_write_tokens bigint NOT NULL DEFAULT 0,
  cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, agent, model)
);
