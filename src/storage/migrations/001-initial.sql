-- Run state: one row per pipeline run of an issue.
CREATE TABLE IF NOT EXISTS runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  repo_full_name text NOT NULL,
  installation_id bigint NOT NULL,
  issue_number integer NOT NULL,
  issue_title text NOT NULL DEFAULT '',
  "trigger" text NOT NULL CHECK ("trigger" IN ('label', 'comment', 'review', 'merge', 'api')),
  command text,
  instructions text,
  sender text NOT NULL,
  delivery_id text,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'waiting_approval', 'waiting_input', 'succeeded', 'failed', 'cancelled')),
  current_node text,
  status_comment_id bigint,
  pr_number integer,
  branch text,
  error text,
  attempt integer NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cache_read_tokens bigint NOT NULL DEFAULT 0,
  cache_write_tokens bigint NOT NULL DEFAULT 0,
  cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

-- At most one active run per issue: createRun relies on this index to refuse a second one.
CREATE UNIQUE INDEX IF NOT EXISTS runs_one_active_per_issue
  ON runs (repo_full_name, issue_number)
  WHERE status IN ('queued', 'running', 'waiting_approval', 'waiting_input');

CREATE INDEX IF NOT EXISTS runs_issue ON runs (repo_full_name, issue_number, created_at DESC);
CREATE INDEX IF NOT EXISTS runs_pull_request ON runs (repo_full_name, pr_number) WHERE pr_number IS NOT NULL;
CREATE INDEX IF NOT EXISTS runs_status ON runs (status, created_at);
CREATE INDEX IF NOT EXISTS runs_created ON runs (created_at DESC, id DESC);

-- One row per attempt of a graph node.
CREATE TABLE IF NOT EXISTS steps (
  id bigserial PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  node text NOT NULL,
  attempt integer NOT NULL DEFAULT 1,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  tokens bigint NOT NULL DEFAULT 0,
  cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
  detail jsonb
);

CREATE INDEX IF NOT EXISTS steps_run ON steps (run_id, id);

-- The timeline of a run, streamed to the dashboard.
CREATE TABLE IF NOT EXISTS events (
  id bigserial PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id bigint REFERENCES steps (id) ON DELETE SET NULL,
  type text NOT NULL,
  message text NOT NULL,
  data jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS events_run ON events (run_id, id);

-- Who did what; kept when runs are deleted.
CREATE TABLE IF NOT EXISTS audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  repo_full_name text,
  issue_number integer,
  run_id uuid REFERENCES runs (id) ON DELETE SET NULL,
  delivery_id text,
  detail jsonb
);

CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_run ON audit_log (run_id, id) WHERE run_id IS NOT NULL;

-- Webhook deliveries already accepted, so a redelivery is ignored even after a restart.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  delivery_id text PRIMARY KEY,
  event text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
