-- A deployment made by dispatching a GitHub Actions workflow: when it was dispatched (written before GitHub is
-- asked) and the workflow run it started (written before the run is followed), so a run resumed after a crash
-- follows the same workflow run and never dispatches a second one.
ALTER TABLE deployments ADD COLUMN IF NOT EXISTS workflow_dispatched_at timestamptz;
ALTER TABLE deployments ADD COLUMN IF NOT EXISTS workflow_run_id bigint;
