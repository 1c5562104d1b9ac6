-- The deploys of an issue run's merged pull request, read with every run the API or the dashboard shows.
CREATE INDEX IF NOT EXISTS deploy_requests_issue_run ON deploy_requests (issue_run_id);
