-- Repositories whose code index should be refreshed (installation, push to the default branch).
-- One row per repository: a newer push replaces an older one that no worker has taken yet.
CREATE TABLE IF NOT EXISTS index_requests (
  repo_full_name text PRIMARY KEY,
  installation_id bigint NOT NULL,
  "commit" text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now()
);
