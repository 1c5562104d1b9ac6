import type { RunStatus, Queryable } from '../types.js';
import { toDeployRequest, type DeployRequest, type DeployRequestRow } from './deploy-requests.js';
import { toRecord, type DeploymentRecord, type DeploymentRow } from './deployments.js';

/** A deploy run as a run's page shows it: what it deploys, how the run stands, its GitHub deployments. */
export interface DeployOfRun extends DeployRequest {
  runStatus: RunStatus;
  finishedAt: Date | null;
  /** The deploy and, after a failure, its rollback, in the order they were made. */
  deployments: Array<DeploymentRecord & { createdAt: Date; updatedAt: Date }>;
}

/**
 * The deploys of a run, oldest first: for an issue run, the deploy runs of its merged pull request; for a
 * deploy run, itself.
 */
export async function listDeploysOfRun(db: Queryable, runId: string): Promise<DeployOfRun[]> {
  const requests = await db.query<DeployRequestRow & { run_status: RunStatus; finished_at: Date | null }>(
    `SELECT d.*, r.status AS run_status, r.finished_at FROM deploy_requests d JOIN runs r ON r.id = d.run_id
     WHERE d.issue_run_id = $1 OR d.run_id = $1
     ORDER BY d.created_at, d.run_id`,
    [runId],
  );
  if (requests.rows.length === 0) return [];
  const deployments = await db.query<DeploymentRow & { id: string; created_at: Date; updated_at: Date }>(
    'SELECT * FROM deployments WHERE run_id = ANY($1::uuid[]) ORDER BY id',
    [requests.rows.map((row) => row.run_id)],
  );
  return requests.rows.map((row) => ({
    ...toDeployRequest(row),
    runStatus: row.run_status,
    finishedAt: row.finished_at,
    deployments: deployments.rows
      .filter((d) => d.run_id === row.run_id)
      .map((d) => ({ ...toRecord(d), createdAt: d.created_at, updatedAt: d.updated_at })),
  }));
}
