import { resolveCommit } from '../../git/bare-repo.js';
import type { TwinContext } from '../context.js';
import {
  now,
  type DeploymentRecord,
  type DeploymentStatusRecord,
  type RepoRecord,
  type UserRecord,
} from '../state.js';
import { notFound, TwinHttpError } from './errors.js';

export interface CreateDeploymentInput {
  ref: string;
  task?: string;
  environment?: string;
  description?: string | null;
  payload?: Record<string, unknown> | string;
  production_environment?: boolean;
  transient_environment?: boolean;
}

export async function createDeployment(
  ctx: TwinContext,
  repo: RepoRecord,
  input: CreateDeploymentInput,
  creator: UserRecord,
): Promise<DeploymentRecord> {
  const sha = await resolveCommit(repo.gitDir, input.ref);
  if (!sha) throw new TwinHttpError(422, `No ref found for: ${input.ref}`);
  const environment = input.environment ?? 'production';
  const deployment: DeploymentRecord = {
    id: ctx.state.ids.next('deployment', 900_000),
    ref: input.ref,
    sha,
    task: input.task ?? 'deploy',
    environment,
    description: input.description ?? null,
    payload: input.payload ?? {},
    creator,
    createdAt: now(),
    productionEnvironment: input.production_environment ?? environment === 'production',
    transientEnvironment: input.transient_environment ?? false,
    statuses: [],
  };
  repo.deployments.set(deployment.id, deployment);
  return deployment;
}

export function getDeployment(repo: RepoRecord, id: number): DeploymentRecord {
  const deployment = repo.deployments.get(id);
  if (!deployment) throw notFound();
  return deployment;
}

export interface CreateStatusInput {
  state: DeploymentStatusRecord['state'];
  description?: string;
  environment_url?: string;
  log_url?: string;
  target_url?: string;
  auto_inactive?: boolean;
}

export function createDeploymentStatus(
  ctx: TwinContext,
  repo: RepoRecord,
  deployment: DeploymentRecord,
  input: CreateStatusInput,
  creator: UserRecord,
): DeploymentStatusRecord {
  // GitHub documents target_url/log_url as URIs; without one given, point at the deployment's page.
  const fallbackUrl = `${ctx.baseUrl}/${repo.fullName}/deployments/${deployment.id}`;
  const status: DeploymentStatusRecord = {
    id: ctx.state.ids.next('deployment-status', 950_000),
    state: input.state,
    description: input.description ?? '',
    environmentUrl: input.environment_url ?? '',
    logUrl: input.log_url ?? input.target_url ?? fallbackUrl,
    targetUrl: input.target_url ?? input.log_url ?? fallbackUrl,
    creator,
    createdAt: now(),
  };
  deployment.statuses.push(status);
  if (input.state === 'success' && input.auto_inactive !== false)
    retireEarlier(ctx, repo, deployment, creator);
  return status;
}

/**
 * GitHub's `auto_inactive` (default true): a new `success` adds an `inactive` status to the environment's other
 * non-transient deployments whose latest state is `success`.
 */
function retireEarlier(
  ctx: TwinContext,
  repo: RepoRecord,
  current: DeploymentRecord,
  creator: UserRecord,
): void {
  for (const other of repo.deployments.values()) {
    if (other.id === current.id || other.environment !== current.environment || other.transientEnvironment)
      continue;
    const latest = other.statuses.at(-1);
    if (latest?.state !== 'success') continue;
    other.statuses.push({
      id: ctx.state.ids.next('deployment-status', 950_000),
      state: 'inactive',
      description: '',
      environmentUrl: latest.environmentUrl,
      logUrl: latest.logUrl,
      targetUrl: latest.targetUrl,
      creator,
      createdAt: now(),
    });
  }
}
