import { setDeploymentStatus, type DeploymentState } from '../../github/operations/deployments.js';
import { setDeploymentState, type DeploymentRole } from '../../storage/index.js';
import type { NodeContext } from '../node-context.js';

/** The statuses a deployment ends in: what `pipeline_deploys_total` counts. */
const FINAL_STATES: ReadonlySet<DeploymentState> = new Set(['success', 'failure', 'error']);

/** A status on one of the run's deployments: on GitHub, in the run's record of it, and on its timeline. */
export async function markDeployment(
  ctx: NodeContext,
  logUrl: string,
  input: {
    role: DeploymentRole;
    deploymentId: number;
    state: DeploymentState;
    description: string;
    environmentUrl?: string;
  },
): Promise<void> {
  await setDeploymentStatus(ctx.octokit, ctx.repo, input.deploymentId, {
    state: input.state,
    description: input.description,
    logUrl,
    environmentUrl: input.environmentUrl,
  });
  await setDeploymentState(ctx.deps.db.pool, ctx.run.id, input.role, input.state);
  if (FINAL_STATES.has(input.state)) ctx.deps.metrics.deploys.inc({ outcome: input.state });
  await ctx.emit('deployment_status', `${input.role} deployment ${input.state}: ${input.description}`, {
    role: input.role,
    deploymentId: input.deploymentId,
    state: input.state,
    description: input.description,
    ...(input.environmentUrl ? { environmentUrl: input.environmentUrl } : {}),
  });
}
