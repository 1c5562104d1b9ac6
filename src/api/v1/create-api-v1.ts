import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ApiToken } from '../../config/api-tokens.js';
import type { Logger } from '../../monitoring/logger.js';
import { getRun, listEvents, listRuns, listSteps, RunStatuses, type Queryable } from '../../storage/index.js';
import { authenticate, type Principal } from './principal.js';
import { ApiProblem, problem } from './problem.js';
import {
  EventPageSchema,
  ProblemSchema,
  RunDetailSchema,
  RunListSchema,
  toEventJson,
  toRunJson,
  toStepJson,
} from './schemas.js';

export const API_V1_PATH = '/api/v1';

export interface ApiV1Deps {
  db: Queryable;
  tokens: readonly ApiToken[] | undefined;
  logger: Logger;
}

type Env = { Variables: { principal: Principal } };

const NOT_VISIBLE = new ApiProblem(404, 'No run with this id is visible to this token.');

const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: 'Problem details', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );

const RunIdParam = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0192f1d6-3b9e-7c4a-9a51-6a0e8c9e1f20' }),
});

const listRunsRoute = createRoute({
  method: 'get',
  path: '/runs',
  summary: 'List runs, newest first',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      repo: z
        .string()
        .regex(/^[^/\s]+\/[^/\s]+$/, 'must be owner/name')
        .optional()
        .openapi({ example: 'octo-org/widgets' }),
      status: z.enum(RunStatuses).optional(),
      since: z.iso.datetime().optional().openapi({ description: 'Only runs created at or after this time' }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.uuid().optional().openapi({ description: 'The `nextCursor` of the previous page' }),
    }),
  },
  responses: {
    200: { description: 'A page of runs', content: { 'application/json': { schema: RunListSchema } } },
    ...problems(400, 401, 403),
  },
});

const getRunRoute = createRoute({
  method: 'get',
  path: '/runs/{id}',
  summary: 'A run with its steps and its cost per node',
  security: [{ bearer: [] }],
  request: { params: RunIdParam },
  responses: {
    200: { description: 'The run', content: { 'application/json': { schema: RunDetailSchema } } },
    ...problems(400, 401, 403, 404),
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
    ...problems(400, 401, 403, 404),
  },
});

/**
 * The HTTP API under `/api/v1`: its routes are validated with the same zod schemas its OpenAPI document
 * (`/api/v1/openapi.json`) is generated from, and every error is problem+json. A token sees only runs of the
 * repositories it is scoped to; a run it cannot see is 404, as if it did not exist.
 */
export function createApiV1({ db, tokens, logger }: ApiV1Deps) {
  const api = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const detail = result.error.issues
          .map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
          .join('; ');
        return problem(c, 400, detail);
      }
      return undefined;
    },
  }).basePath(API_V1_PATH);

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Agentic Dev Pipeline API', version: '1.0.0' },
  });

  const requireCaller: MiddlewareHandler<Env> = async (c, next) => {
    const auth = authenticate(c.req.header('authorization'), getConnInfo(c).remote.address, tokens);
    if (!auth.ok) return problem(c, auth.status, auth.detail);
    c.set('principal', auth.principal);
    await next();
    return undefined;
  };
  api.use('/runs', requireCaller);
  api.use('/runs/*', requireCaller);

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
    return c.json({ run: toRunJson(run), steps: steps.map(toStepJson), costByNode }, 200);
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

  api.notFound((c) => problem(c, 404, `No API route ${c.req.method} ${c.req.path}.`));
  api.onError((error, c) => {
    if (error instanceof ApiProblem) return problem(c, error.status, error.detail);
    logger.error({ err: error, path: c.req.path }, 'API request failed');
    return problem(c, 500, 'The request failed on the server; the error is in its log.');
  });
  return api;
}
