import { num } from '../rows.js';
import type { Queryable } from '../types.js';

export type DeploymentRole = 'deploy' | 'rollback';

/** A GitHub deployment a deploy run made, and the last status the run gave it. */
export interface DeploymentRecord {
  runId: string;
  role: DeploymentRole;
  repoFullName: string;
  environment: string;
  sha: string;
  /** Null until GitHub has answered (a crash in between leaves it null: the run looks for it first). */
  githubId: number | null;
  state: string;
  /** When its workflow was dispatched (a deployment made by a workflow), null before. */
  workflowDispatchedAt: Date | null;
  /** The workflow run that dispatch started, once found. */
  workflowRunId: number | null;
}

export interface DeploymentRow {
  run_id: string;
  role: DeploymentRole;
  repo_full_name: string;
  environment: string;
  sha: string;
  github_id: string | number | null;
  state: string;
  workflow_dispatched_at: Date | null;
  workflow_run_id: string | number | null;
}

export function toRecord(row: DeploymentRow): DeploymentRecord {
  return {
    runId: row.run_id,
    role: row.role,
    repoFullName: row.repo_full_name,
    environment: row.environment,
    sha: row.sha,
    githubId: row.github_id === null ? null : num(row.github_id),
    state: row.state,
    workflowDispatchedAt: row.workflow_dispatched_at,
    workflowRunId: row.workflow_run_id === null ? null : num(row.workflow_run_id),
  };
}

/** The run's deployment of `role`, recorded first when it is not yet (what it will be once GitHub has it). */
export async function claimDeployment(
  db: Queryable,
  input: Pick<DeploymentRecord, 'runId' | 'role' | 'repoFullName' | 'environment' | 'sha'>,
): Promise<DeploymentRecord> {
  const result = await db.query<DeploymentRow>(
    `WITH inserted AS (
       INSERT INTO deployments (run_id, role, repo_full_name, environment, sha) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (run_id, role) DO NOTHING RETURNING *
     )
     SELECT * FROM inserted UNION ALL SELECT * FROM deployments WHERE run_id = $1 AND role = $2`,
    [input.runId, input.role, input.repoFullName, input.environment, input.sha],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`deployment ${input.role} of run ${input.runId} was neither inserted nor found`);
  return toRecord(row);
}

export async function setDeploymentGitHubId(
  db: Queryable,
  runId: string,
  role: DeploymentRole,
  githubId: number,
): Promise<void> {
  await db.query(
    'UPDATE deployments SET github_id = $3, updated_at = now() WHERE run_id = $1 AND role = $2',
    [runId, role, githubId],
  );
}

export async function setDeploymentState(
  db: Queryable,
  runId: string,
  role: DeploymentRole,
  state: string,
): Promise<void> {
  await db.query('UPDATE deployments SET state = $3, updated_at = now() WHERE run_id = $1 AND role = $2', [
    runId,
    role,
    state,
  ]);
}

/**
 * Records that the deployment's workflow is being dispatched, before GitHub is asked: the time, or null when an
 * earlier attempt recorded it already (that attempt may have dispatched: never dispatch again, find its run).
 */
export async function markWorkflowDispatched(
  db: Queryable,
  runId: string,
  role: DeploymentRole,
): Promise<Date | null> {
  const result = await db.query<{ workflow_dispatched_at: Date }>(
    `UPDATE deployments SET workflow_dispatched_at = now(), updated_at = now()
     WHERE run_id = $1 AND role = $2 AND workflow_dispatched_at IS NULL
     RETURNING workflow_dispatched_at`,
    [runId, role],
  );
  return result.rows[0]?.workflow_dispatched_at ?? null;
}

/** Undoes `markWorkflowDispatched` when GitHub refused the dispatch: nothing runs, so a retry may dispatch. */
export async function clearWorkflowDispatched(
  db: Queryable,
  runId: string,
  role: DeploymentRole,
): Promise<void> {
  await db.query(
    `UPDATE deployments SET workflow_dispatched_at = NULL, updated_at = now()
     WHERE run_id = $1 AND role = $2 AND workflow_run_id IS NULL`,
    [runId, role],
  );
}

export async function setDeploymentWorkflowRun(
  db: Queryable,
  runId: string,
  role: DeploymentRole,
  workflowRunId: number,
): Promise<void> {
  await db.query(
    'UPDATE deployments SET workflow_run_id = $3, updated_at = now() WHERE run_id = $1 AND role = $2',
    [runId, role, workflowRunId],
  );
}

/** The workflow runs the repository's deployments follow already (another deployment's run is never adopted). */
export async function followedWorkflowRuns(db: Queryable, repoFullName: string): Promise<Set<number>> {
  const result = await db.query<{ workflow_run_id: string | number }>(
    'SELECT workflow_run_id FROM deployments WHERE repo_full_name = $1 AND workflow_run_id IS NOT NULL',
    [repoFullName],
  );
  return new Set(result.rows.map((r) => num(r.workflow_run_id)));
}

export async function getDeployment(
  db: Queryable,
  runId: string,
  role: DeploymentRole,
): Promise<DeploymentRecord | null> {
  const result = await db.query<DeploymentRow>('SELECT * FROM deployments WHERE run_id = $1 AND role = $2', [
    runId,
    role,
  ]);
  const row = result.rows[0];
  return row ? toRecord(row) : null;
}

/** The SHA of the environment's last deployment that ended `success`, other runs than `exceptRunId` only. */
export async function lastGoodSha(
  db: Queryable,
  where: { repoFullName: string; environment: string; exceptRunId: string },
): Promise<string | null> {
  const result = await db.query<{ sha: string }>(
    `SELECT sha FROM deployments
     WHERE repo_full_name = $1 AND environment = $2 AND state = 'success' AND run_id <> $3
     ORDER BY id DESC LIMIT 1`,
    [where.repoFullName, where.environment, where.exceptRunId],
  );
  return result.rows[0]?.sha ?? null;
}

/**
 * What `/pipeline rollback` goes back to: the environment's last deployment that ended `success`, before its
 * latest deployment (whatever that one's state), so a healthy environment goes back one good step.
 */
export async function rollbackSha(
  db: Queryable,
  where: { repoFullName: string; environment: string },
): Promise<string | null> {
  const result = await db.query<{ sha: string }>(
    `WITH latest AS (
       SELECT id FROM deployments WHERE repo_full_name = $1 AND environment = $2
       ORDER BY id DESC LIMIT 1
     )
     SELECT sha FROM deployments
     WHERE repo_full_name = $1 AND environment = $2 AND state = 'success' AND id NOT IN (SELECT id FROM latest)
     ORDER BY id DESC LIMIT 1`,
    [where.repoFullName, where.environment],
  );
  return result.rows[0]?.sha ?? null;
}
