-- A deploy run is a run (runs.trigger = 'merge' or a command) with one row here: what it deploys and where.
CREATE TABLE IF NOT EXISTS deploy_requests (
  run_id uuid PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  repo_full_name text NOT NULL,
  environment text NOT NULL,
  sha text NOT NULL,
  pr_number integer,
  -- The issue run whose PR was merged, when the pipeline opened it.
  issue_run_id uuid REFERENCES runs (id) ON DELETE SET NULL,
  purpose text NOT NULL CHECK (purpose IN ('merge', 'redeploy', 'rollback')),
  -- The repository's `.github/pipeline.yml` (its `deploy:` included) as it was when the deploy was asked for.
  config jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS deploy_requests_environment
  ON deploy_requests (repo_full_name, environment, created_at DESC);

-- Every GitHub deployment a deploy run made: the deploy itself and, after a failure, its rollback. The row is
-- written before GitHub is asked, so a run resumed after a crash adopts the deployment instead of making a second.
CREATE TABLE IF NOT EXISTS deployments (
  id bigserial PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('deploy', 'rollback')),
  repo_full_name text NOT NULL,
  environment text NOT NULL,
  sha text NOT NULL,
  github_id bigint,
  -- The last status the run gave it on GitHub.
  state text NOT NULL DEFAULT 'pending',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (run_id, role)
);

CREATE INDEX IF NOT EXISTS deployments_environment ON deployments (repo_full_name, environment, updated_at DESC);

-- One deploy per repository and environment at a time: the run holding the row, while it is queued or running.
CREATE TABLE IF NOT EXISTS deploy_locks (
  repo_full_name text NOT NULL,
  environment text NOT NULL,
  run_id uuid NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repo_full_name, environment)
);
