import { lastGoodSha } from '../../../../storage/index.js';
import { defineNode } from '../../../node-context.js';
import { checkHealth } from '../../check-health.js';
import type { DeployStateType, DeployStateUpdate } from '../../deploy-state.js';
import { ensureDeployment } from '../../ensure-deployment.js';
import { markDeployment } from '../../mark-deployment.js';
import { runDeploy } from '../../run-deploy.js';

/**
 * After a failure, with `rollback: previous` or a `rollback_command`: deploys again the environment's last SHA
 * whose deployment ended `success`, as a deployment of its own (with the rollback command, or by dispatching
 * the workflow again for that SHA), through the same health gate.
 */
export const rollbackNode = defineNode<DeployStateType, DeployStateUpdate>('rollback', async (state, ctx) => {
  const sha = await lastGoodSha(ctx.deps.db.pool, {
    repoFullName: state.repoFullName,
    environment: state.environment,
    exceptRunId: state.runId,
  });
  if (!sha) {
    return {
      rolledBack: {
        sha: null,
        summary: `There is no earlier successful deployment of \`${state.environment}\` to go back to.`,
      },
    };
  }
  const { id } = await ensureDeployment(ctx.deps.db.pool, ctx.octokit, ctx.repo, {
    runId: state.runId,
    role: 'rollback',
    repoFullName: state.repoFullName,
    environment: state.environment,
    sha,
    description: `Rollback to ${sha.slice(0, 7)} after ${state.sha.slice(0, 7)} failed`,
    logUrl: state.logUrl,
  });
  const result = await runDeploy(ctx, state, {
    role: 'rollback',
    deploymentId: id,
    sha,
    rollback: true,
    doing: `Rolling back to ${sha.slice(0, 7)}`,
  });
  const url = state.deployConfig.health_url;
  const health = result.succeeded && url ? await checkHealth(ctx, url, state.deployConfig.health) : undefined;
  const succeeded = result.succeeded && (health?.passed ?? true);
  const summary = health && result.succeeded ? health.summary : result.summary;
  await markDeployment(ctx, state.logUrl, {
    role: 'rollback',
    deploymentId: id,
    state: succeeded ? 'success' : 'failure',
    description: succeeded ? `Rolled back to ${sha.slice(0, 7)}` : `Rollback failed: ${summary}`,
    ...(succeeded && state.deployConfig.environment_url
      ? { environmentUrl: state.deployConfig.environment_url }
      : {}),
  });
  return {
    rolledBack: { sha, deploymentId: id, succeeded, summary, workflowRunUrl: result.workflowRunUrl },
  };
});
