import { createRoute, z } from '@hono/zod-openapi';
import { getRun, listEvents, listRuns, listRunUsage, listSteps } from '../../../storage/index.js';
import type { ApiV1App, ApiV1Deps } from '../api-v1-app.js';
import { NOT_VISIBLE, problemResponses, RunIdParam } from '../route-parts.js';
import {
  EventPageSchema,
  RunDetailSchema,
  RunListFilterQuery,
  RunListSchema,
  sumUsageBy,
  toEventJson,
  toRunJson,
  toStepJson,
  toUsageJson,
} from '../schemas.js';
import { readRunSides } from '../run-detail/read-run-detail.js';

const listRunsRoute = createRoute({
  method: 'get',
  path: '/runs',
  summary: 'List runs, newest first',
  security: [{ bearer: [] }],
  request: {
    query: RunListFilterQuery.extend({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.uuid().optional().openapi({ description: 'The `nextCursor` of the previous page' }),
    }),
  },
  responses: {
    200: { description: 'A page of runs', content: { 'application/json': { schema: RunListSchema } } },
    ...problemResponses(400, 401, 403, 429),
  },
});

const getRunRoute = createRoute({
  method: 'get',
  path: '/runs/{id}',
  summary:
    'A run with its steps, its cost per node, agent and model, its plan, pull request, check runs and deploys',
  security: [{ bearer: [] }],
  request: { params: RunIdParam },
  responses: {
    200: { description: 'The run', content: { 'application/json': { schema: RunDetailSchema } } },
    ...problemResponses(400, 401, 403, 404, 429),
  },
});

const listEventsRoute = createRoute({
  method: 'get',
  path: '/runs/{id}/events',
  summary: "A run's timeline, oldest first",
  security: [{ bearer: [] }],
  request: {
    params: RunIdParam,
    query: z.object({
      after: z.coerce.number().int().min(0).default(0).openapi({ description: 'Events after this event id' }),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
  },
  responses: {
    200: { description: 'A page of events', content: { 'application/json': { schema: EventPageSchema } } },
    ...problemResponses(400, 401, 403, 404, 429),
  },
});

/** Reading runs: the list, one run with its steps and cost, its timeline. */
export function registerRunReads(api: ApiV1App, { db, budgetOf, logger }: ApiV1Deps): void {
  api.openapi(listRunsRoute, async (c) => {
    const query = c.req.valid('query');
    const principal = c.get('principal');
    if (query.repo && !principal.reaches(query.repo)) return c.json({ runs: [], nextCursor: null }, 200);
    const runs = await listRuns(db, {
      repo: query.repo,
      status: query.status,
      since: query.since ? new Date(query.since) : undefined,
      within: principal.within,
      before: query.cursor,
      limit: query.limit,
    });
    const nextCursor = runs.length === query.limit ? (runs.at(-1)?.id ?? null) : null;
    return c.json({ runs: runs.map(toRunJson), nextCursor }, 200);
  });

  api.openapi(getRunRoute, async (c) => {
    const { id } = c.req.valid('param');
    const run = await getRun(db, id);
    if (!run || !c.get('principal').reaches(run.repoFullName)) throw NOT_VISIBLE;
    const steps = await listSteps(db, run.id);
    const costByNode: Record<string, { tokens: number; costUsd: number }> = {};
    for (const step of steps) {
      const node = (costByNode[step.node] ??= { tokens: 0, costUsd: 0 });
      node.tokens += step.tokens;
      node.costUsd += step.costUsd;
    }
    // The budget is a nicety of the answer: GitHub being slow or down must not cost the rest of it.
    const budgetUsd = budgetOf
      ? await budgetOf(run).catch((err: unknown) => {
          logger.warn({ err, runId: run.id }, "could not read the run's budget");
          return null;
        })
      : null;
    const [usage, sides] = await Promise.all([
      listRunUsage(db, run.id).then((rows) => rows.map(toUsageJson)),
      readRunSides(db, run),
    ]);
    return c.json(
      {
        ...sides,
        run: toRunJson(run),
        steps: steps.map(toStepJson),
        costByNode,
        usage,
        costByAgent: sumUsageBy(usage, 'agent'),
        costByModel: sumUsageBy(usage, 'model'),
        budgetUsd,
      },
      200,
    );
  });

  api.openapi(listEventsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { after, limit } = c.req.valid('query');
    const run = await getRun(db, id);
    if (!run || !c.get('principal').reaches(run.repoFullName)) throw NOT_VISIBLE;
    const events = await listEvents(db, run.id, { afterId: after, limit });
    const nextCursor = events.length === limit ? (events.at(-1)?.id ?? null) : null;
    return c.json({ events: events.map(toEventJson), nextCursor }, 200);
  });
}
