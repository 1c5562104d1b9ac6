import { jsonParam, toAuditEntry, type AuditRow } from './rows.js';
import type { AuditEntry, Queryable } from './types.js';

export interface NewAuditEntry {
  /** GitHub login, `app`, or `api:<token name>`. */
  actor: string;
  /** Dotted verb, e.g. `run.created`, `run.approved`, `command.refused`. */
  action: string;
  repoFullName?: string | null;
  issueNumber?: number | null;
  runId?: string | null;
  deliveryId?: string | null;
  detail?: unknown;
}

export async function writeAudit(db: Queryable, entry: NewAuditEntry): Promise<AuditEntry> {
  const result = await db.query<AuditRow>(
    `INSERT INTO audit_log (actor, action, repo_full_name, issue_number, run_id, delivery_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING *`,
    [
      entry.actor,
      entry.action,
      entry.repoFullName ?? null,
      entry.issueNumber ?? null,
      entry.runId ?? null,
      entry.deliveryId ?? null,
      jsonParam(entry.detail),
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return toAuditEntry(row);
}

export interface ListAuditFilter {
  runId?: string;
  repo?: string;
  /** Default 100, at most 1000. */
  limit?: number;
  /** Only entries with a smaller id (the last id of the previous page). */
  beforeId?: number;
}

/** Newest first. */
export async function listAudit(db: Queryable, filter: ListAuditFilter = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (filter.runId !== undefined) {
    values.push(filter.runId);
    where.push(`run_id = $${values.length}`);
  }
  if (filter.repo !== undefined) {
    values.push(filter.repo);
    where.push(`repo_full_name = $${values.length}`);
  }
  if (filter.beforeId !== undefined) {
    values.push(filter.beforeId);
    where.push(`id < $${values.length}`);
  }
  values.push(Math.min(Math.max(filter.limit ?? 100, 1), 1000));
  const result = await db.query<AuditRow>(
    `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  return result.rows.map(toAuditEntry);
}
