import { createRoute, z } from '@hono/zod-openapi';
import { enqueueOrDefer } from '../../../queue/index.js';
import { createRun, withTransaction, writeAudit } from '../../../storage/index.js';
import type { ApiV1App, ApiV1Deps } from '../api-v1-app.js';
import { ApiProblem } from '../problem.js';
import { problemResponses } from '../route-parts.js';
import { RunSchema, toRunJson } from '../schemas.js';

const StartRunSchema = z
  .object({
    repo: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be owner/name')
      .openapi({ example: 'octo-org/widgets' }),
    issue: z.number().int().positive().openapi({ example: 42 }),
    /** `plan` waits for approval after the plan, as `/pipeline plan` does. */
    command: z.enum(['run', 'plan']).default('run'),
    instructions: z
      .string()
      .max(10_000)
      .default('')
      .openapi({ description: 'Extra instructions for the agents' }),
  })
  .openapi('StartRun');

const startRunRoute = createRoute({
  method: 'post',
  path: '/runs',
  summary: 'Start a run on an open issue',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: StartRunSchema } } } },
  responses: {
    201: {
      description: 'The run, queued',
      content: { 'application/json': { schema: z.object({ run: RunSchema }).openapi('StartedRun') } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 429),
  },
});

/**
 * `POST /runs`: what labelling the issue does, for a caller outside GitHub. The issue has one active run at
 * most (the same index decides); the run is recorded and audited in one transaction, then its `start` job
 * goes through the bounded, reconciled enqueue.
 */
export function registerStartRun(api: ApiV1App, { db, queue, locateIssue, logger }: ApiV1Deps): void {
  api.openapi(startRunRoute, async (c) => {
    const principal = c.get('principal');
    const body = c.req.valid('json');
    if (!principal.reaches(body.repo)) throw new ApiProblem(404, `This token does not reach ${body.repo}.`);
    if (!principal.maySteer(body.repo))
      throw new ApiProblem(403, 'This token may read runs, not start them.');
    const located = await locateIssue(body.repo, body.issue);
    if (!located.found) throw new ApiProblem(404, located.reason);
    const result = await withTransaction(db, async (tx) => {
      const created = await createRun(tx, {
        repoFullName: body.repo,
        installationId: located.installationId,
        issueNumber: body.issue,
        issueTitle: located.title,
        trigger: 'api',
        command: body.command,
        instructions: body.instructions || null,
        sender: principal.actor,
      });
      if (created.created) {
        await writeAudit(tx, {
          actor: principal.actor,
          action: 'run.queued',
          repoFullName: body.repo,
          issueNumber: body.issue,
          runId: created.run.id,
          detail: { trigger: 'api', command: body.command },
        });
      }
      return created;
    });
    if (!result.created) {
      throw new ApiProblem(409, `Issue #${body.issue} already has an active run: ${result.activeRun.id}.`);
    }
    await enqueueOrDefer(queue, { runId: result.run.id, reason: 'start' }, logger);
    return c.json({ run: toRunJson(result.run) }, 201);
  });
}
