import type { z } from '@hono/zod-openapi';
import type { DeployOfRun, RunEventOf } from '../../../storage/index.js';
import { DeploySchema } from '../schemas.js';

type DeployJson = z.infer<typeof DeploySchema>;

/** A deploy run as the API shows it; `statuses` are the `deployment_status` events of that run. */
export function toDeployJson(
  deploy: DeployOfRun,
  statuses: readonly RunEventOf<'deployment_status'>[],
): DeployJson {
  const own = deploy.deployments.find((d) => d.role === 'deploy');
  const environmentUrl =
    statuses.findLast((s) => s.data.environmentUrl !== undefined)?.data.environmentUrl ??
    deploy.deploy.environment_url ??
    null;
  return {
    runId: deploy.runId,
    environment: deploy.environment,
    sha: deploy.sha,
    purpose: deploy.purpose,
    pullRequest: deploy.prNumber,
    state: deploymentState(own?.state),
    runStatus: deploy.runStatus,
    environmentUrl,
    statuses: statuses.map((s) => ({
      role: s.data.role,
      deploymentId: s.data.deploymentId,
      state: s.data.state,
      description: s.data.description,
      environmentUrl: s.data.environmentUrl ?? null,
      at: s.createdAt.toISOString(),
    })),
    deployments: deploy.deployments.map((d) => ({
      role: d.role,
      sha: d.sha,
      githubId: d.githubId,
      state: deploymentState(d.state),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    })),
    createdAt: deploy.createdAt.toISOString(),
    finishedAt: deploy.finishedAt ? deploy.finishedAt.toISOString() : null,
  };
}

/** The stored state (free text in the table) as one the API names; none yet is `pending`. */
function deploymentState(state: string | undefined): DeployJson['state'] {
  const known = DeploySchema.shape.state.safeParse(state);
  return known.success ? known.data : 'pending';
}
