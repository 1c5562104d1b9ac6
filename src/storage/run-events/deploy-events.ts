import { z } from 'zod';
import { eventSchema } from './event-schema.js';

/** Which of a deploy run's deployments an event is about: the deploy itself, or the rollback after it failed. */
const role = z.enum(['deploy', 'rollback']);

/** Events of a deploy run (orchestration/deploy): its GitHub deployments, health checks and diagnosis. */
export const deployEventSchemas = [
  eventSchema(
    'deploy_requested',
    z.object({
      environment: z.string(),
      sha: z.string(),
      prNumber: z.number().int().nullable(),
      purpose: z.enum(['merge', 'redeploy', 'rollback']),
      issueRunId: z.string().nullable(),
    }),
  ),
  eventSchema(
    'deployment_created',
    z.object({ role, deploymentId: z.number().int(), sha: z.string(), environment: z.string() }),
  ),
  eventSchema(
    'deployment_status',
    z.object({
      role,
      deploymentId: z.number().int(),
      state: z.enum(['queued', 'in_progress', 'success', 'failure', 'error', 'inactive']),
      description: z.string(),
      /** Where the deployed change can be seen, when the status named it. */
      environmentUrl: z.string().optional(),
    }),
  ),
  eventSchema(
    'deploy_waiting_for_lock',
    z.object({ environment: z.string(), heldBy: z.string().nullable() }),
  ),
  eventSchema(
    'health_checked',
    z.object({
      url: z.string(),
      attempt: z.number().int().positive(),
      status: z.number().int().nullable(),
      passed: z.boolean(),
      problem: z.string().optional(),
    }),
  ),
  /** A deploy workflow's run, when it was found and when it ended (`conclusion` is null until then). */
  eventSchema(
    'workflow_run',
    z.object({
      role,
      workflow: z.union([z.string(), z.number().int()]),
      workflowRunId: z.number().int(),
      url: z.string(),
      status: z.string(),
      conclusion: z.string().nullable(),
    }),
  ),
  eventSchema('deploy_diagnosed', z.object({ whatFailed: z.string(), likelyCause: z.string() })),
] as const;
