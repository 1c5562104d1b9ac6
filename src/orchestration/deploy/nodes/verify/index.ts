import { defineNode } from '../../../node-context.js';
import { checkHealth } from '../../check-health.js';
import type { DeployStateType, DeployStateUpdate } from '../../deploy-state.js';
import { markDeployment } from '../../mark-deployment.js';

/**
 * The health gate after a deploy that finished: `deploy.health_url` must answer the expected status in time.
 * Passing (or no health URL) marks the deployment `success` with its environment URL; failing leaves the
 * failure for the deployment agent, which marks it `failure` with its diagnosis.
 */
export const verifyNode = defineNode<DeployStateType, DeployStateUpdate>('verify', async (state, ctx) => {
  const url = state.deployConfig.health_url;
  const health = url ? await checkHealth(ctx, url, state.deployConfig.health) : undefined;
  if (health && !health.passed) {
    return { failure: { phase: 'health', summary: health.summary, output: state.deployOutput ?? '' } };
  }
  const environmentUrl = state.environmentUrl ?? state.deployConfig.environment_url;
  await markDeployment(ctx, state.logUrl, {
    role: 'deploy',
    deploymentId: state.deploymentId,
    state: 'success',
    description: health ? `Deployed; ${health.summary}` : 'Deployed',
    environmentUrl,
  });
  return { environmentUrl };
});
