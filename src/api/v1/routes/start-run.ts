import { createRoute, z } from '@hono/zod-openapi';
import { enqueueOrDefer } from '../../../queue/index.js';
import {
  claimRunStartKey,
  createRun,
  findRunByStartKey,
  recordRunStartKey,
  withTransaction,
  writeAudit,
} from '../../../storage/index.js';
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
    issue: z.number().int().positive().optional().openapi({ example: 42 }),
    /** Instead of `issue`: a new issue the app opens with this title and `body`. */
    title: z.string().trim().min(1).max(256).optional(),
    body: z.string().max(60_000).default(''),
    /** `plan` waits for approval after the plan, as `/pipeline plan` does. */
    command: z.enum(['run', 'plan']).default('run'),
    instructions: z
      .string()
      .max(10_000)
      .default('')
      .openapi({ description: 'Extra instructions for the agents' }),
  })
  .refine((start) => (start.issue === undefined) !== (start.title === undefined), {
    message: 'give either `issue` (an open issue) or `title` (and `body`) for a new one',
    path: ['issue'],
  })
  .openapi('StartRun');

const StartedRunSchema = z.object({ run: RunSchema }).openapi('StartedRun');

const startRunRoute = createRoute({
  method: 'post',
  path: '/runs',
  summary: 'Start a run on an open issue',
  security: [{ bearer: [] }],
  request: {
    headers: z.object({
      'idempotency-key': z
        .string()
        .min(1)
        .max(200)
        .optional()
        .openapi({ description: 'The same key from the same token answers with the run it started first' }),
    }),
    body: { required: true, content: { 'application/json': { schema: StartRunSchema } } },
  },
  responses: {
    200: {
      description: 'The run this Idempotency-Key started earlier (nothing new was started)',
      content: { 'application/json': { schema: StartedRunSchema } },
    },
    201: {
      description: 'The run, queued',
      content: { 'application/json': { schema: StartedRunSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 429),
  },
});

/**
 * `POST /runs`: what labelling the issue does, for a caller outside GitHub. The issue has one active run at
 * most (the same index decides); the run is recorded and audited in one transaction, then its `start` job
 * goes through the bounded, reconciled enqueue. With an `Idempotency-Key`, a start the token made before with that
 * key answers with that run (200), whatever its state, and starts nothing.
 */
export function registerStartRun(
  api: ApiV1App,
  { db, queue, locateIssue, openIssue, logger }: ApiV1Deps,
): void {
  api.openapi(startRunRoute, async (c) => {
    const principal = c.get('principal');
    const body = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    if (!principal.reaches(body.repo)) throw new ApiProblem(404, `This token does not reach ${body.repo}.`);
    if (!principal.maySteer(body.repo))
      throw new ApiProblem(403, 'This token may read runs, not start them.');
    // Looked up before anything is done, so a repeated start with a title opens no second issue.
    const seen = key ? await findRunByStartKey(db, principal.actor, key) : null;
    if (seen) return c.json({ run: toRunJson(seen) }, 200);
    const located = await issueToWorkOn(body, principal.actor);
    if (!located.found) throw new ApiProblem(404, located.reason);
    const issueNumber = located.number;
    const result = await withTransaction(db, async (tx) => {
      const earlier = key ? await claimRunStartKey(tx, principal.actor, key) : null;
      if (earlier) return { created: false as const, earlier };
      const created = await createRun(tx, {
        repoFullName: body.repo,
        installationId: located.installationId,
        issueNumber,
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
          issueNumber,
          runId: created.run.id,
          detail: { trigger: 'api', command: body.command },
        });
        if (key) await recordRunStartKey(tx, principal.actor, key, created.run.id);
      }
      return created;
    });
    if ('earlier' in result) return c.json({ run: toRunJson(result.earlier) }, 200);
    if (!result.created) {
      throw new ApiProblem(409, `Issue #${issueNumber} already has an active run: ${result.activeRun.id}.`);
    }
    await enqueueOrDefer(queue, { runId: result.run.id, reason: 'start' }, logger);
    return c.json({ run: toRunJson(result.run) }, 201);
  });

  /** The open issue named by `issue`, or a new one opened from `title` and `body`. */
  async function issueToWorkOn(
    start: { repo: string; issue?: number | undefined; title?: string | undefined; body: string },
    actor: string,
  ) {
    if (start.issue !== undefined) {
      const located = await locateIssue(start.repo, start.issue);
      return located.found ? { ...located, number: start.issue } : located;
    }
    if (!openIssue) throw new ApiProblem(400, 'issue: this server cannot open issues; give an issue number.');
    return openIssue(start.repo, { title: start.title ?? '', body: start.body, requestedBy: actor });
  }
}
