import { findActiveRun } from './find-runs.js';
import { toRun, type RunRow } from './rows.js';
import { ActiveRunStatuses, type NewRun, type Queryable, type Run } from './types.js';

export type CreateRunResult = { created: true; run: Run } | { created: false; activeRun: Run };

const ACTIVE_LIST = ActiveRunStatuses.map((s) => `'${s}'`).join(', ');

/**
 * Creates a run unless the issue already has an active one, which is returned instead. The partial
 * unique index `runs_one_active_per_issue` decides, so concurrent callers (several web processes)
 * get exactly one new run. Uses ON CONFLICT rather than catching 23505 so it is safe inside a transaction.
 */
export async function createRun(db: Queryable, input: NewRun): Promise<CreateRunResult> {
  for (let tries = 0; tries < 5; tries++) {
    const inserted = await db.query<RunRow>(
      `INSERT INTO runs (repo_full_name, installation_id, issue_number, issue_title, "trigger", command,
                         instructions, sender, delivery_id, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (repo_full_name, issue_number) WHERE status IN (${ACTIVE_LIST}) DO NOTHING
       RETURNING *`,
      [
        input.repoFullName,
        input.installationId,
        input.issueNumber,
        input.issueTitle ?? '',
        input.trigger,
        input.command ?? null,
        input.instructions ?? null,
        input.sender,
        input.deliveryId ?? null,
        input.status ?? 'queued',
      ],
    );
    const row = inserted.rows[0];
    if (row) return { created: true, run: toRun(row) };
    const activeRun = await findActiveRun(db, input.repoFullName, input.issueNumber);
    if (activeRun) return { created: false, activeRun };
    // The active run finished between the insert and the lookup: try again.
  }
  throw new Error(
    `Could not create a run for ${input.repoFullName}#${input.issueNumber}: the issue keeps changing`,
  );
}
