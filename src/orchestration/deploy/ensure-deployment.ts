import type { GitHubClient, RepoRef } from '../../github/client.js';
import {
  createDeployment,
  deploymentHasStatus,
  findDeployment,
  setDeploymentStatus,
} from '../../github/operations/deployments.js';
import {
  claimDeployment,
  setDeploymentGitHubId,
  setDeploymentState,
  type DeploymentRole,
  type Queryable,
} from '../../storage/index.js';

export type DeploymentTarget = {
  runId: string;
  role: DeploymentRole;
  repoFullName: string;
  environment: string;
  sha: string;
  description: string;
  logUrl: string;
};

/**
 * The run's GitHub deployment of `role`, made exactly once across crashes: the row is claimed first, a row
 * without a GitHub id looks for the deployment by its payload before making one, and a deployment made here (or
 * found without any status: made just before a crash) gets its `queued` status. Returns the GitHub id and whether
 * it was made now.
 */
export async function ensureDeployment(
  db: Queryable,
  octokit: GitHubClient,
  repo: RepoRef,
  target: DeploymentTarget,
): Promise<{ id: number; created: boolean }> {
  const claimed = await claimDeployment(db, target);
  if (claimed.githubId !== null) return { id: claimed.githubId, created: false };
  const mark = { runId: target.runId, role: target.role };
  const found = await findDeployment(octokit, repo, {
    sha: target.sha,
    environment: target.environment,
    mark,
  });
  const id =
    found ??
    (await createDeployment(octokit, repo, {
      sha: target.sha,
      environment: target.environment,
      description: target.description,
      mark,
    }));
  await setDeploymentGitHubId(db, target.runId, target.role, id);
  if (found === undefined || !(await deploymentHasStatus(octokit, repo, id))) {
    await setDeploymentStatus(octokit, repo, id, {
      state: 'queued',
      description: 'Waiting for its turn to deploy',
      logUrl: target.logUrl,
    });
    await setDeploymentState(db, target.runId, target.role, 'queued');
  }
  return { id, created: found === undefined };
}
