import { getConnInfo } from '@hono/node-server/conninfo';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiV1App, ApiV1Deps, ApiV1Env } from './api-v1-app.js';
import { authenticate } from './principal.js';
import { ApiProblem, problem } from './problem.js';
import { limitRatePerCaller } from './rate-limit.js';
import { registerRunCommands } from './routes/command-runs.js';
import { registerRunReads } from './routes/read-runs.js';
import { registerRunDiff } from './routes/read-run-diff.js';
import { registerStartRun } from './routes/start-run.js';
import { registerRunListStream } from './routes/stream-run-list.js';
import { registerRunStream } from './routes/stream-run.js';
import { registerSearchCode } from './routes/search-code.js';

export const API_V1_PATH = '/api/v1';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A request a page of another origin made (browsers say so in `Sec-Fetch-Site`, older ones in `Origin`). */
function fromAnotherSite(c: Context): boolean {
  const fetchSite = c.req.header('sec-fetch-site');
  if (fetchSite) return fetchSite === 'cross-site' || fetchSite === 'same-site';
  const origin = c.req.header('origin');
  if (!origin) return false;
  return !URL.canParse(origin) || new URL(origin).host !== c.req.header('host');
}

/** The largest request body a route reads (a re-plan's changes are at most 20,000 characters). */
export const API_V1_MAX_BODY_BYTES = 128 * 1024;

/**
 * The HTTP API under `/api/v1`: its routes are validated with the same zod schemas its OpenAPI document
 * (`/api/v1/openapi.json`) is generated from, and every error is problem+json. A token sees only runs of the
 * repositories it is scoped to; a run it cannot see is 404, as if it did not exist. Each caller is rate limited.
 */
export function createApiV1(deps: ApiV1Deps): ApiV1App {
  const api = new OpenAPIHono<ApiV1Env>({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const detail = result.error.issues
        .map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
        .join('; ');
      return problem(c, 400, detail);
    },
  }).basePath(API_V1_PATH);

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Agentic Dev Pipeline API', version: '1.0.0' },
  });

  const requireCaller: MiddlewareHandler<ApiV1Env> = async (c, next) => {
    const authorization = c.req.header('authorization');
    // Without a bearer token the browser's ambient credentials (a session cookie, this machine's address)
    // decide, so a page of another site must not be able to send the request.
    if (!authorization && !SAFE_METHODS.has(c.req.method) && fromAnotherSite(c)) {
      return problem(c, 403, 'A page of another site may not steer runs.');
    }
    const session = authorization ? undefined : await deps.sessions?.(c);
    const auth =
      session ??
      authenticate(authorization, getConnInfo(c).remote.address, deps.tokens, deps.loopbackAccess ?? true);
    if (!auth.ok) return problem(c, auth.status, auth.detail);
    c.set('principal', auth.principal);
    await next();
    return undefined;
  };
  // Counted while it streams, declared length or not: past the cap the caller gets 413 and nothing more is read.
  api.use(
    '*',
    bodyLimit({
      maxSize: API_V1_MAX_BODY_BYTES,
      // The rest of the body is never read, so the connection cannot carry another request.
      onError: (c) =>
        problem(c, 413, `The request body is over ${API_V1_MAX_BODY_BYTES / 1024} KB.`, {
          connection: 'close',
        }),
    }),
  );
  api.use('/runs', requireCaller);
  api.use('/runs/*', requireCaller);
  // `/runs/*` matches `/runs` as well: one registration, so a request is counted once.
  api.use('/runs/*', limitRatePerCaller({ ...deps.rateLimit, logger: deps.logger }));
  // Before the run reads, whose `/runs/{id}` would take `stream` for an id.
  registerRunListStream(api, deps);
  registerRunReads(api, deps);
  registerStartRun(api, deps);
  registerRunCommands(api, deps);
  registerRunStream(api, deps);
  api.use('/repos/*', requireCaller);
  api.use('/repos/*', limitRatePerCaller({ ...deps.rateLimit, logger: deps.logger }));
  registerSearchCode(api, deps);
  registerRunDiff(api, deps);

  api.notFound((c) => problem(c, 404, `No API route ${c.req.method} ${c.req.path}.`));
  api.onError((error, c) => {
    if (error instanceof ApiProblem) return problem(c, error.status, error.detail);
    deps.logger.error({ err: error, path: c.req.path }, 'API request failed');
    return problem(c, 500, 'The request failed on the server; the error is in its log.');
  });
  return api;
}
