import { defineNode } from '../../../node-context.js';
import type { DeployStateType, DeployStateUpdate } from '../../deploy-state.js';
import { runDeploy } from '../../run-deploy.js';

/** Deploys the merge commit (`deploy.command` or `deploy.workflow`), its deployment marked in progress. */
export const deployNode = defineNode<DeployStateType, DeployStateUpdate>('deploy', async (state, ctx) => {
  const result = await runDeploy(ctx, state, {
    role: 'deploy',
    deploymentId: state.deploymentId,
    sha: state.sha,
    // A rollback someone asked for (`/pipeline rollback`) runs the repository's rollback command when it has one.
    rollback: state.purpose === 'rollback',
    doing: `Deploying ${state.sha.slice(0, 7)}`,
  });
  return {
    deployOutput: result.output,
    workflowRunUrl: result.workflowRunUrl,
    failure: result.succeeded
      ? undefined
      : { phase: 'deploy', summary: result.summary, output: result.output },
  };
});
