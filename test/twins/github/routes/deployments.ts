import { z } from 'zod';
import { createDeployment, createDeploymentStatus, getDeployment } from '../domain/deployments.js';
import { serializeDeployment, serializeDeploymentStatus } from '../serializers/deployments.js';
import { actor, intParam, pageOf, parseBody, repoOf, type RouteTable } from './types.js';

const createSchema = z.object({
  ref: z.string(),
  task: z.string().optional(),
  auto_merge: z.boolean().optional(),
  required_contexts: z.array(z.string()).optional(),
  payload: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
  environment: z.string().optional(),
  description: z.string().nullable().optional(),
  transient_environment: z.boolean().optional(),
  production_environment: z.boolean().optional(),
});
const statusSchema = z.object({
  state: z.enum(['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']),
  target_url: z.string().optional(),
  log_url: z.string().optional(),
  description: z.string().optional(),
  environment: z.string().optional(),
  environment_url: z.string().optional(),
  auto_inactive: z.boolean().optional(),
});

export const deploymentRoutes: RouteTable = {
  'repos/create-deployment': {
    auth: 'installation',
    async handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const deployment = await createDeployment(ctx, repo, parseBody(createSchema, req.body), actor(ctx));
      return { status: 201, body: serializeDeployment(ctx, repo, deployment) };
    },
  },
  'repos/list-deployments': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const environment = req.query.get('environment');
      const sha = req.query.get('sha');
      const list = [...repo.deployments.values()]
        .filter((d) => (!environment || d.environment === environment) && (!sha || d.sha === sha))
        .sort((a, b) => b.id - a.id);
      const page = pageOf(ctx, req, list);
      return {
        status: 200,
        body: page.items.map((d) => serializeDeployment(ctx, repo, d)),
        headers: page.headers,
      };
    },
  },
  'repos/create-deployment-status': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const deployment = getDeployment(repo, intParam(req, 'deployment_id'));
      const status = createDeploymentStatus(
        ctx,
        repo,
        deployment,
        parseBody(statusSchema, req.body),
        actor(ctx),
      );
      return { status: 201, body: serializeDeploymentStatus(ctx, repo, deployment, status) };
    },
  },
  'repos/list-deployment-statuses': {
    auth: 'installation',
    handle(ctx, req) {
      const repo = repoOf(ctx, req);
      const deployment = getDeployment(repo, intParam(req, 'deployment_id'));
      const list = [...deployment.statuses].reverse();
      const page = pageOf(ctx, req, list);
      return {
        status: 200,
        body: page.items.map((s) => serializeDeploymentStatus(ctx, repo, deployment, s)),
        headers: page.headers,
      };
    },
  },
};
