import type { GitHubClient, RepoRef } from '../../github/client.js';
import { editComment } from '../../github/operations/comments.js';
import { setDeploymentStatus } from '../../github/operations/deployments.js';
import {
  applyTransition,
  getDeployment,
  getRun,
  listQueuedDeploys,
  setDeploymentState,
  withTransaction,
  type DeployRequest,
} from '../../storage/index.js';
import type { RunDeps } from '../run-deps.js';
import { deployComment, deployView } from './deploy-comment.js';

/**
 * A newer deploy replaces the deploys of the same environment still queued before it: each is moved to
 * `cancelled` through the lifecycle (only from `queued`, so one that started meanwhile is left alone), its
 * deployment is marked `inactive` with the reason, and its comment says so.
 */
export async function supersedeQueued(
  deps: RunDeps,
  octokit: GitHubClient,
  repo: RepoRef,
  newer: DeployRequest,
  logUrl: string,
): Promise<string[]> {
  const older = await listQueuedDeploys(deps.db.pool, {
    repoFullName: newer.repoFullName,
    environment: newer.environment,
    before: newer,
  });
  const superseded: string[] = [];
  const by = newer.prNumber ? `#${newer.prNumber}` : newer.sha.slice(0, 7);
  const reason = `superseded by the deploy of ${by} (${newer.sha.slice(0, 7)}), merged after it`;
  for (const request of older) {
    const moved = await withTransaction(deps.db.pool, (tx) =>
      applyTransition(tx, request.runId, 'supersede', {
        actor: 'app',
        message: reason,
        error: reason,
        auditDetail: { by: newer.runId, environment: newer.environment },
        data: { by: newer.runId, reason },
      }),
    );
    if (!moved) continue;
    await deps.bus.publish(moved.event);
    superseded.push(request.runId);
    const deployment = await getDeployment(deps.db.pool, request.runId, 'deploy');
    if (deployment?.githubId) {
      await setDeploymentStatus(octokit, repo, deployment.githubId, {
        state: 'inactive',
        description: `Superseded by ${by}`,
        logUrl,
      });
      await setDeploymentState(deps.db.pool, request.runId, 'deploy', 'inactive');
    }
    const run = await getRun(deps.db.pool, request.runId);
    if (run?.statusCommentId) {
      const view = deployView(run.id, request);
      await editComment(
        octokit,
        repo,
        run.statusCommentId,
        deployComment(view, `⏭️ Not deployed: ${reason}.`),
      );
    }
  }
  return superseded;
}
