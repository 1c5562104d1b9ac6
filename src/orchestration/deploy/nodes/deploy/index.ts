import { defineNode } from '../../../node-context.js';
import type { DeployStateType, DeployStateUpdate } from '../../deploy-state.js';
import { markDeployment } from '../../mark-deployment.js';
import { runDeployCommand } from '../../run-deploy-command.js';

/** Marks the deployment in progress and runs `deploy.command` at the merge commit. */
export const deployNode = defineNode<DeployStateType, DeployStateUpdate>('deploy', async (state, ctx) => {
  await markDeployment(ctx, state.logUrl, {
    role: 'deploy',
    deploymentId: state.deploymentId,
    state: 'in_progress',
    description: `Deploying ${state.sha.slice(0, 7)}`,
  });
  // A rollback someone asked for (`/pipeline rollback`) runs the repository's rollback command when it has one.
  const command =
    state.purpose === 'rollback'
      ? (state.deployConfig.rollback_command ?? state.deployConfig.command)
      : state.deployConfig.command;
  const result = await runDeployCommand(ctx, state, { sha: state.sha, command });
  return {
    deployOutput: result.output,
    failure: result.succeeded
      ? undefined
      : { phase: 'deploy', summary: result.summary, output: result.output },
  };
});
