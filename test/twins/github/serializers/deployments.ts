import { apiUrl, nodeId, type TwinContext } from '../context.js';
import type { DeploymentRecord, DeploymentStatusRecord, RepoRecord } from '../state.js';
import { performedViaApp } from './issues.js';
import { serializeUser } from './users.js';

export function serializeDeployment(
  ctx: TwinContext,
  repo: RepoRecord,
  deployment: DeploymentRecord,
): Record<string, unknown> {
  const api = apiUrl(ctx, `/repos/${repo.fullName}/deployments/${deployment.id}`);
  return {
    url: api,
    id: deployment.id,
    node_id: nodeId('DE', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: serializeUser(ctx, deployment.creator),
    created_at: deployment.createdAt,
    updated_at: deployment.statuses.at(-1)?.createdAt ?? deployment.createdAt,
    statuses_url: `${api}/statuses`,
    repository_url: apiUrl(ctx, `/repos/${repo.fullName}`),
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
    performed_via_github_app: performedViaApp(ctx, deployment.creator),
  };
}

export function serializeDeploymentStatus(
  ctx: TwinContext,
  repo: RepoRecord,
  deployment: DeploymentRecord,
  status: DeploymentStatusRecord,
): Record<string, unknown> {
  const deploymentUrl = apiUrl(ctx, `/repos/${repo.fullName}/deployments/${deployment.id}`);
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DES', status.id),
    state: status.state,
    creator: serializeUser(ctx, status.creator),
    description: status.description,
    environment: deployment.environment,
    target_url: status.targetUrl,
    log_url: status.logUrl,
    ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: deploymentUrl,
    repository_url: apiUrl(ctx, `/repos/${repo.fullName}`),
    performed_via_github_app: performedViaApp(ctx, status.creator),
  };
}
