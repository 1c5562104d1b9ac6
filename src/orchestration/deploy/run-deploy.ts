import { deployMethod } from '../../config/deploy-config.js';
import type { DeploymentRole } from '../../storage/index.js';
import type { NodeContext } from '../node-context.js';
import type { DeployStateType } from './deploy-state.js';
import { markDeployment } from './mark-deployment.js';
import { runDeployCommand } from './run-deploy-command.js';
import { runDeployWorkflow } from './run-deploy-workflow.js';

export type DeployResult = {
  succeeded: boolean;
  summary: string;
  /** The end of the output (a command's, secrets masked) or the workflow run's jobs and steps. */
  output: string;
  /** The workflow run that deployed, when the repository deploys with a workflow. */
  workflowRunUrl?: string;
};

/**
 * Deploys `sha` the way the repository says: its `deploy.command` (or `rollback_command` for a rollback) in the
 * sandbox, or its `deploy.workflow` dispatched and followed. The deployment goes `in_progress` first (a
 * workflow's once its run is known, so the status can link it).
 */
export async function runDeploy(
  ctx: NodeContext,
  state: DeployStateType,
  input: { role: DeploymentRole; deploymentId: number; sha: string; rollback: boolean; doing: string },
): Promise<DeployResult> {
  const method = deployMethod(state.deployConfig);
  if (method.kind === 'workflow') {
    const result = await runDeployWorkflow(ctx, state, {
      ...input,
      workflow: method.workflow,
      ref: method.ref,
    });
    return { ...result, workflowRunUrl: result.runUrl };
  }
  await markDeployment(ctx, state.logUrl, {
    role: input.role,
    deploymentId: input.deploymentId,
    state: 'in_progress',
    description: input.doing,
  });
  const command = input.rollback ? (method.rollbackCommand ?? method.command) : method.command;
  return runDeployCommand(ctx, state, { sha: input.sha, command });
}
