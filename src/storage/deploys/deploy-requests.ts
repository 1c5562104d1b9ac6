import type { DeployConfig } from '../../config/deploy-config.js';
import { repoConfigSchema, type RepoConfig } from '../../config/repo-config.js';
import type { Queryable } from '../types.js';

/** Why a deploy run deploys: a merge, or a person's `/pipeline deploy` or `/pipeline rollback`. */
export type DeployPurpose = 'merge' | 'redeploy' | 'rollback';

/** What a deploy run deploys, where, and why. */
export interface DeployRequest {
  runId: string;
  repoFullName: string;
  environment: string;
  /** The merge commit (or, for a rollback asked for by a person, the last good SHA). */
  sha: string;
  prNumber: number | null;
  /** The issue run whose pull request was merged, when the pipeline opened it. */
  issueRunId: string | null;
  purpose: DeployPurpose;
  /** The repository's `.github/pipeline.yml` when the deploy was asked for (models and budget too). */
  config: RepoConfig;
  /** Its `deploy:` settings. */
  deploy: DeployConfig;
  createdAt: Date;
}

export interface DeployRequestRow {
  run_id: string;
  repo_full_name: string;
  environment: string;
  sha: string;
  pr_number: number | null;
  issue_run_id: string | null;
  purpose: DeployPurpose;
  config: unknown;
  created_at: Date;
}

export function toDeployRequest(row: DeployRequestRow): DeployRequest {
  const config = repoConfigSchema.parse(row.config);
  if (!config.deploy) throw new Error(`deploy request of run ${row.run_id} has no \`deploy:\` settings`);
  return {
    runId: row.run_id,
    repoFullName: row.repo_full_name,
    environment: row.environment,
    sha: row.sha,
    prNumber: row.pr_number,
    issueRunId: row.issue_run_id,
    purpose: row.purpose,
    config,
    deploy: config.deploy,
    createdAt: row.created_at,
  };
}

/** Records what the (just created) deploy run `runId` is to deploy. */
export async function insertDeployRequest(
  db: Queryable,
  input: Omit<DeployRequest, 'createdAt' | 'environment' | 'deploy'> & { deploy: DeployConfig },
): Promise<DeployRequest> {
  const result = await db.query<DeployRequestRow>(
    `INSERT INTO deploy_requests (run_id, repo_full_name, environment, sha, pr_number, issue_run_id, purpose, config)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING *`,
    [
      input.runId,
      input.repoFullName,
      input.deploy.environment,
      input.sha,
      input.prNumber,
      input.issueRunId,
      input.purpose,
      JSON.stringify({ ...input.config, deploy: input.deploy }),
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('INSERT … RETURNING returned no row');
  return toDeployRequest(row);
}

/** The deploy request of a run; null for an issue run. */
export async function getDeployRequest(db: Queryable, runId: string): Promise<DeployRequest | null> {
  const result = await db.query<DeployRequestRow>('SELECT * FROM deploy_requests WHERE run_id = $1', [runId]);
  const row = result.rows[0];
  return row ? toDeployRequest(row) : null;
}

/** Deploy runs of the environment still `queued` that were asked for before `before`'s run, oldest first. */
export async function listQueuedDeploys(
  db: Queryable,
  where: { repoFullName: string; environment: string; before?: DeployRequest },
): Promise<DeployRequest[]> {
  const result = await db.query<DeployRequestRow>(
    `SELECT d.* FROM deploy_requests d JOIN runs r ON r.id = d.run_id
     WHERE d.repo_full_name = $1 AND d.environment = $2 AND r.status = 'queued'
       AND ($3::uuid IS NULL OR (d.created_at, d.run_id) < ($4::timestamptz, $3::uuid))
     ORDER BY d.created_at, d.run_id`,
    [where.repoFullName, where.environment, where.before?.runId ?? null, where.before?.createdAt ?? null],
  );
  return result.rows.map(toDeployRequest);
}
