import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { enqueueOrDefer, JOB_AFTER, type RunJobReason } from '../../../queue/index.js';
import {
  applyTransition,
  getRun,
  withTransaction,
  type AppliedTransition,
  type Run,
} from '../../../storage/index.js';
import type { ApiV1App, ApiV1Deps, ApiV1Env } from '../api-v1-app.js';
import { ApiProblem } from '../problem.js';
import { NOT_VISIBLE, problemResponses, RunIdParam } from '../route-parts.js';
import { RunSchema, toRunJson } from '../schemas.js';

const CommandAnswerSchema = z.object({ run: RunSchema }).openapi('CommandAnswer');

const ReplanBodySchema = z
  .object({
    changes: z.string().trim().min(1).max(20_000).openapi({ example: 'Also handle negative numbers.' }),
  })
  .openapi('Replan');

const commandResponses = {
  200: {
    description: 'The run after the change',
    content: { 'application/json': { schema: CommandAnswerSchema } },
  },
  ...problemResponses(400, 401, 403, 404, 409, 429),
};

function commandRoute(path: string, summary: string) {
  return createRoute({
    method: 'post',
    path,
    summary,
    security: [{ bearer: [] }],
    request: { params: RunIdParam },
    responses: commandResponses,
  });
}

const approveRoute = commandRoute('/runs/{id}/approve', 'Approve the plan of a run waiting for approval');
const cancelRoute = commandRoute('/runs/{id}/cancel', 'Cancel an active run');
const retryRoute = commandRoute(
  '/runs/{id}/retry',
  'Retry a failed or cancelled run from its last good step',
);
const replanRoute = createRoute({
  method: 'post',
  path: '/runs/{id}/replan',
  summary: 'Ask a run waiting for approval for a new plan',
  security: [{ bearer: [] }],
  request: {
    params: RunIdParam,
    body: { required: true, content: { 'application/json': { schema: ReplanBodySchema } } },
  },
  responses: commandResponses,
});

/** The run a command may change: visible to the caller, who may steer. */
async function steerableRun(c: Context<ApiV1Env>, db: ApiV1Deps['db'], id: string): Promise<Run> {
  const principal = c.get('principal');
  const run = await getRun(db, id);
  if (!run || !principal.reaches(run.repoFullName)) throw NOT_VISIBLE;
  if (!principal.maySteer(run.repoFullName)) {
    throw new ApiProblem(403, 'This token may read runs, not steer them.');
  }
  return run;
}

/**
 * Approving, re-planning, cancelling and retrying: the same transitions as the `/pipeline` commands on GitHub,
 * audited with the token's name as the actor, published live, and followed by the job the transition calls for
 * through the same bounded, reconciled enqueue (a queue that is down costs nothing).
 */
export function registerRunCommands(api: ApiV1App, { db, queue, bus, logger }: ApiV1Deps): void {
  async function answer(
    c: Context<ApiV1Env>,
    run: Run,
    applied: AppliedTransition | null,
    refusal: string,
    job: RunJobReason | undefined,
  ) {
    if (!applied) throw new ApiProblem(409, `Run ${run.id} is ${run.status.replace('_', ' ')}: ${refusal}`);
    await bus
      .publish(applied.event)
      .catch((err: unknown) => logger.warn({ err }, 'could not publish a run event'));
    if (job) await enqueueOrDefer(queue, { runId: run.id, reason: job }, logger);
    return c.json({ run: toRunJson((await getRun(db, run.id)) ?? applied.run) }, 200);
  }

  api.openapi(approveRoute, async (c) => {
    const run = await steerableRun(c, db, c.req.valid('param').id);
    const actor = c.get('principal').actor;
    const applied = await withTransaction(db, (tx) =>
      applyTransition(tx, run.id, 'approve', { actor, message: `plan approved by ${actor}` }),
    );
    return answer(c, run, applied, 'only a run waiting for approval can be approved.', JOB_AFTER.approve);
  });

  api.openapi(replanRoute, async (c) => {
    const run = await steerableRun(c, db, c.req.valid('param').id);
    const actor = c.get('principal').actor;
    const { changes } = c.req.valid('json');
    const applied = await withTransaction(db, (tx) =>
      applyTransition(tx, run.id, 'replan', {
        actor,
        message: `new plan asked for by ${actor}`,
        data: { feedback: changes },
      }),
    );
    return answer(c, run, applied, 'only a run waiting for approval can be re-planned.', JOB_AFTER.replan);
  });

  api.openapi(cancelRoute, async (c) => {
    const run = await steerableRun(c, db, c.req.valid('param').id);
    const actor = c.get('principal').actor;
    const applied = await withTransaction(db, (tx) =>
      applyTransition(tx, run.id, 'cancel', {
        actor,
        message: `cancelled by ${actor}`,
        error: `cancelled by ${actor}`,
      }),
    );
    // A worker running the run sees the cancel and stops; one nobody holds gets a job that updates its status
    // comment.
    const job = applied && run.status !== 'running' ? 'resume' : undefined;
    return answer(c, run, applied, 'only an active run can be cancelled.', job);
  });

  api.openapi(retryRoute, async (c) => {
    const run = await steerableRun(c, db, c.req.valid('param').id);
    const actor = c.get('principal').actor;
    const applied = await withTransaction(db, (tx) =>
      applyTransition(tx, run.id, 'retry', { actor, message: `retry requested by ${actor}` }),
    );
    return answer(c, run, applied, 'only a failed or cancelled run can be retried.', JOB_AFTER.retry);
  });
}
