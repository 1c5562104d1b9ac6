-- When a run last changed status. A steering command written before it was written against another state (an
-- approval of an earlier plan, a retry of an earlier failure) and is refused. Existing runs take their last
-- update, the closest time known.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS status_changed_at timestamptz;
UPDATE runs SET status_changed_at = updated_at WHERE status_changed_at IS NULL;
ALTER TABLE runs ALTER COLUMN status_changed_at SET DEFAULT now();
ALTER TABLE runs ALTER COLUMN status_changed_at SET NOT NULL;

-- The signed body of each recorded delivery: its HMAC SHA-256, as GitHub sent it in `x-hub-signature-256`.
-- GitHub's own redeliveries keep their delivery id; the same body under a new delivery id is a captured
-- delivery sent again (the signature covers only the body), and the unique index refuses it.
ALTER TABLE webhook_deliveries ADD COLUMN IF NOT EXISTS body_digest bytea;
CREATE UNIQUE INDEX IF NOT EXISTS webhook_deliveries_body_digest ON webhook_deliveries (body_digest);
