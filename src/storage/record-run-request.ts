import { ActiveRunStatuses, type NewRun, type Queryable, type RunStatus } from './types.js';

export type RecordRunRequestResult =
  /** The delivery id was recorded before, or (given `bodyDigest`) the same signed body under another id. */
  | { kind: 'duplicate' }
  | { kind: 'created'; runId: string }
  | { kind: 'busy'; activeRunId: string | null; activeStatus: RunStatus | null };

const ACTIVE_LIST = ActiveRunStatuses.map((s) => `'${s}'`).join(', ');

/**
 * Records a trigger in ONE statement (one round trip, atomic without an explicit transaction): the delivery's
 * dedup row, the run unless the issue already has an active one, and the audit row saying which.
 * This is the webhook's hot path; the data-modifying CTEs replace five round trips (BEGIN, three INSERTs, COMMIT).
 * It is a named (prepared) statement: PostgreSQL parses and plans it once per connection instead of on every
 * delivery. It returns the new run's id and nothing more: the webhook needs no other column, and each returned
 * column is described and parsed per delivery (figures for both: bench/README.md).
 * `busy.activeRunId` is null only when the competing run was committed concurrently, after this statement's snapshot.
 */
export async function recordRunRequest(
  db: Queryable,
  input: NewRun & {
    deliveryId: string;
    event: string;
    /** Hex HMAC SHA-256 of the delivery's body: the same body under another delivery id is not recorded. */
    bodyDigest?: string;
    auditDetail?: Record<string, unknown>;
  },
): Promise<RecordRunRequestResult> {
  const result = await db.query<{
    is_new: boolean;
    id: string | null;
    active_id: string | null;
    active_status: RunStatus | null;
  }>({
    name: 'record-run-request',
    text: `WITH delivery AS (
       INSERT INTO webhook_deliveries (delivery_id, event, body_digest) VALUES ($1, $2, decode($12, 'hex'))
       ON CONFLICT DO NOTHING
       RETURNING delivery_id
     ), created AS (
       INSERT INTO runs (repo_full_name, installation_id, issue_number, issue_title, "trigger", command,
                         instructions, sender, delivery_id, status)
       SELECT $3, $4, $5, $6, $7, $8, $9, $10, $1, 'queued' WHERE EXISTS (SELECT 1 FROM delivery)
       ON CONFLICT (repo_full_name, issue_number) WHERE status IN (${ACTIVE_LIST}) DO NOTHING
       RETURNING id
     ), active AS (
       SELECT id, status FROM runs
       WHERE repo_full_name = $3 AND issue_number = $5 AND status IN (${ACTIVE_LIST})
       LIMIT 1
     ), audit AS (
       INSERT INTO audit_log (actor, action, repo_full_name, issue_number, run_id, delivery_id, detail)
       SELECT $10,
              CASE WHEN EXISTS (SELECT 1 FROM created) THEN 'run.queued'
                   WHEN (SELECT status FROM active) IN ('waiting_input', 'waiting_approval') THEN 'run.trigger_on_waiting_run'
                   ELSE 'run.refused_busy' END,
              $3, $5, COALESCE((SELECT id FROM created), (SELECT id FROM active)), $1, $11::jsonb
       WHERE EXISTS (SELECT 1 FROM delivery)
     )
     SELECT EXISTS (SELECT 1 FROM delivery) AS is_new,
            (SELECT id FROM active) AS active_id,
            (SELECT status FROM active) AS active_status,
            (SELECT id FROM created) AS id`,
    values: [
      input.deliveryId,
      input.event,
      input.repoFullName,
      input.installationId,
      input.issueNumber,
      input.issueTitle ?? '',
      input.trigger,
      input.command ?? null,
      input.instructions ?? null,
      input.sender,
      JSON.stringify(input.auditDetail ?? {}),
      input.bodyDigest ?? null,
    ],
  });
  const row = result.rows[0];
  if (!row?.is_new) return { kind: 'duplicate' };
  if (row.id) return { kind: 'created', runId: row.id };
  return { kind: 'busy', activeRunId: row.active_id, activeStatus: row.active_status };
}
