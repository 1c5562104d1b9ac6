-- Run events use one naming style (snake_case) and each type has one data shape (src/storage/run-events):
-- rows written before are brought to it, so readers parse history like new events.

UPDATE events SET type = replace(type, '.', '_')
WHERE type IN ('run.started', 'run.waiting_approval', 'run.waiting_input', 'run.succeeded', 'run.failed');

-- Every transition event's data holds `to`, the status the run moved to (the worker's always did).
UPDATE events SET data = COALESCE(data, '{}'::jsonb) || jsonb_build_object('to', CASE type
    WHEN 'run_started' THEN 'running'
    WHEN 'run_waiting_approval' THEN 'waiting_approval'
    WHEN 'run_waiting_input' THEN 'waiting_input'
    WHEN 'run_succeeded' THEN 'succeeded'
    WHEN 'run_failed' THEN 'failed'
    WHEN 'cancel_requested' THEN 'cancelled'
    ELSE 'queued' END)
WHERE type IN ('run_started', 'run_waiting_approval', 'run_waiting_input', 'run_succeeded', 'run_failed',
               'cancel_requested', 'approved', 'plan_revision_requested', 'input_received', 'retry_requested')
  AND (data IS NULL OR (jsonb_typeof(data) = 'object' AND NOT data ? 'to'));

-- A node's step events name the node; every such message starts with it (`plan started`, `develop: …`).
UPDATE events SET data = jsonb_build_object('node', substring(message FROM '^([a-z_]+)'))
WHERE type IN ('node_started', 'node_finished', 'node_failed', 'node_cancelled')
  AND data IS NULL AND message ~ '^[a-z_]+';

-- The cursor reads: "the newest event of kind K" and "events of kind K after id N".
CREATE INDEX IF NOT EXISTS events_run_type ON events (run_id, type, id);
