import type { GitHubClient, RepoRef } from '../client.js';

export type DeploymentState = 'queued' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

/** What ties a GitHub deployment to the deploy run that made it (its payload), so a resumed run can find it. */
export type DeploymentMark = { runId: string; role: 'deploy' | 'rollback' };

/** GitHub keeps at most this much of a status description. */
const DESCRIPTION_MAX = 140;

/** Environments GitHub should treat as production (its default is `production` only). */
function isProduction(environment: string): boolean {
  return /^prod(uction)?$/i.test(environment);
}

/** Creates the deployment of `sha` and returns its id. No required contexts: the pipeline's tests already ran. */
export async function createDeployment(
  octokit: GitHubClient,
  repo: RepoRef,
  input: { sha: string; environment: string; description: string; mark: DeploymentMark },
): Promise<number> {
  const { data } = await octokit.rest.repos.createDeployment({
    ...repo,
    ref: input.sha,
    environment: input.environment,
    description: input.description.slice(0, DESCRIPTION_MAX),
    auto_merge: false,
    required_contexts: [],
    production_environment: isProduction(input.environment),
    transient_environment: false,
    payload: { pipeline_run_id: input.mark.runId, pipeline_role: input.mark.role },
  });
  if (!('id' in data))
    throw new Error(`GitHub did not create the deployment of ${input.sha}: ${data.message}`);
  return data.id;
}

/** The deployment a run made earlier (found by its payload), when a crash kept its id from being recorded. */
export async function findDeployment(
  octokit: GitHubClient,
  repo: RepoRef,
  input: { sha: string; environment: string; mark: DeploymentMark },
): Promise<number | undefined> {
  const { data } = await octokit.rest.repos.listDeployments({
    ...repo,
    sha: input.sha,
    environment: input.environment,
    per_page: 100,
  });
  const found = data.find((d) => {
    const payload = typeof d.payload === 'object' && d.payload !== null ? d.payload : {};
    return payload['pipeline_run_id'] === input.mark.runId && payload['pipeline_role'] === input.mark.role;
  });
  return found?.id;
}

/** Whether the deployment has any status yet (one made just before a crash may have none). */
export async function deploymentHasStatus(
  octokit: GitHubClient,
  repo: RepoRef,
  deploymentId: number,
): Promise<boolean> {
  const { data } = await octokit.rest.repos.listDeploymentStatuses({
    ...repo,
    deployment_id: deploymentId,
    per_page: 1,
  });
  return data.length > 0;
}

/**
 * A status on the deployment. `auto_inactive` retires the environment's earlier deployments once this one
 * succeeds; `log_url` points at the run, `environment_url` at where the change can be seen.
 */
export async function setDeploymentStatus(
  octokit: GitHubClient,
  repo: RepoRef,
  deploymentId: number,
  input: { state: DeploymentState; description: string; logUrl: string; environmentUrl?: string },
): Promise<void> {
  await octokit.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: deploymentId,
    state: input.state,
    description: truncate(input.description),
    log_url: input.logUrl,
    ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
    auto_inactive: true,
  });
}

function truncate(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}
