-- A caller's key for "start this run" (the API's Idempotency-Key, MCP's start_run client key): the same key from
-- the same caller names the run it started the first time instead of starting another.
CREATE TABLE IF NOT EXISTS run_start_keys (
  actor text NOT NULL,
  key text NOT NULL,
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor, key)
);
