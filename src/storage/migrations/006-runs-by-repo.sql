-- A repository's runs, newest first: the list filter the dashboard and the API use most. Without it, a
-- repository with few runs among many others is found by walking `runs_created` through the whole table.
CREATE INDEX IF NOT EXISTS runs_repo_created ON runs (repo_full_name, created_at DESC, id DESC);
