import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer, type Middleware } from '../api/http-server.js';
import { createApp } from '../app.js';
import type { Settings } from '../config/settings.js';
import { createBackgroundTasks } from '../github/background-tasks.js';
import { createProbot } from '../github/create-probot.js';
import { verifyWebhookSignature } from '../github/verify-webhook-signature.js';
import { createEventRouter } from '../github/event-router.js';
import { createInstallationClients } from '../github/installation-clients.js';
import { receiveWebhooks } from '../github/receive-webhooks.js';
import { createRepoConfigLoader } from '../github/operations/load-repo-config.js';
import { locateIssue } from '../github/operations/locate-issue.js';
import { runBudget } from '../github/operations/run-budget.js';
import { pullRequestDiff } from '../github/operations/pull-request-diff.js';
import { openIssueForRun } from '../github/operations/open-issue-for-run.js';
import { createSenderPolicy } from '../github/permissions/sender-policy.js';
import type { Logger } from '../monitoring/logger.js';
import type { Metrics } from '../monitoring/metrics.js';
import { timeWebhooks } from '../api/time-webhooks.js';
import { serveApiV1 } from '../api/v1/serve-api-v1.js';
import { serveDashboard } from '../api/dashboard/serve-dashboard.js';
import { dashboardAuth } from './dashboard-auth.js';
import { createApiV1 } from '../api/v1/create-api-v1.js';
import type { ApiV1Deps } from '../api/v1/api-v1-app.js';
import { serveMcpHttp } from '../mcp/serve-mcp-http.js';
import type { ReadinessCheck } from '../api/check-readiness.js';
import type { Core } from './open-core.js';
import type { SharedCodeSearch } from './share-code-search.js';
import { closeRedis, createRedisConnection } from '../queue/redis-connection.js';

export const WEBHOOK_PATH = '/api/github/webhooks';
/** Time for a client to send a whole request (headers and body). */
const REQUEST_TIMEOUT_MS = 15_000;

export type Web = { url: string; close(): Promise<void> };
/** The code index the API searches, or why it has none. */
export type WebCodeIndex = SharedCodeSearch | { unavailable: string };

/** Starts the HTTP server: health, readiness (`checks`), metrics, and verified webhooks routed to the app's handlers. */
export async function startWeb(
  core: Core,
  settings: Settings,
  logger: Logger,
  metrics: Metrics,
  checks: readonly ReadinessCheck[],
  codeIndex: WebCodeIndex = { unavailable: 'The code index is off (PIPELINE_CODE_INDEX=off).' },
): Promise<Web> {
  const probot = createProbot(settings, logger, metrics);
  if (!settings.WEBHOOK_SECRET) throw new Error('WEBHOOK_SECRET is required to receive webhooks');
  const background = createBackgroundTasks(logger);
  const clients = createInstallationClients(probot);
  const router = createEventRouter({ secret: settings.WEBHOOK_SECRET, clients, logger });
  const configLoader = createRepoConfigLoader({ cacheSeconds: settings.PERMISSION_CACHE_SECONDS });
  // API rate limits counted in Redis when there is one, so every web process shares them.
  const rateLimitRedis = settings.REDIS_URL
    ? createRedisConnection(settings.REDIS_URL, 'rate-limit', logger)
    : undefined;
  createApp({
    settings,
    db: core.db,
    queue: core.queue,
    bus: core.bus,
    senderPolicy: createSenderPolicy({
      allowedBots: settings.PIPELINE_ALLOWED_BOTS,
      cacheSeconds: settings.PERMISSION_CACHE_SECONDS,
    }),
    configLoader,
    background,
    logger,
  })(router);
  const auth = dashboardAuth(settings, core.db.pool, logger);
  const apiDeps: ApiV1Deps = {
    db: core.db.pool,
    locateIssue: (repo, issue) => locateIssue(clients, repo, issue),
    openIssue: (repo, issue) => openIssueForRun(clients, repo, issue),
    budgetOf: (run) => runBudget(clients, configLoader, run),
    queue: core.queue,
    bus: core.bus,
    tokens: settings.PIPELINE_API_TOKENS,
    sessions: auth.authenticateApi,
    loopbackAccess: auth.loopbackAccess,
    rateLimit: {
      limit: settings.PIPELINE_API_RATE_LIMIT,
      windowMs: settings.PIPELINE_API_RATE_WINDOW_SECONDS * 1000,
      ...(rateLimitRedis
        ? { redis: { client: rateLimitRedis, prefix: `${settings.PIPELINE_REDIS_PREFIX}:api-rate:` } }
        : {}),
    },
    logger,
    searchCode: searchCodeFor(codeIndex),
    diffOf: (run) => pullRequestDiff(clients, run),
  };
  const mcp = serveMcpHttp({
    apiFetch: apiFetchFor(apiDeps),
    tokens: settings.PIPELINE_API_TOKENS,
    publicUrl: settings.PIPELINE_MCP_URL,
    allowedOrigins: settings.PIPELINE_MCP_ALLOWED_ORIGINS,
    logger,
  });
  const server = createHttpServer({
    logger,
    metrics,
    readiness: { checks, statusToken: settings.PIPELINE_STATUS_TOKEN },
    routes: [
      timeWebhooks(metrics, WEBHOOK_PATH),
      verifyWebhookSignature({
        secret: settings.WEBHOOK_SECRET,
        path: WEBHOOK_PATH,
        maxPendingBodies: settings.WEBHOOK_MAX_PENDING_BODIES,
        receive: receiveWebhooks(router, { logger, answerTimeoutMs: settings.WEBHOOK_ANSWER_TIMEOUT_MS }),
      }),
      serveApiV1(apiDeps),
      mcp.route,
      serveDashboard({ db: core.db.pool, auth, logger }),
    ],
  });
  return listen(
    server,
    settings,
    logger,
    async () => {
      await background.settle();
      if (rateLimitRedis) await closeRedis(rateLimitRedis);
    },
    () => mcp.close(),
  );
}

/** The API's code search over the process's code index, opened on the first search (or why there is none). */
export function searchCodeFor(codeIndex: WebCodeIndex): ApiV1Deps['searchCode'] {
  if ('unavailable' in codeIndex) return codeIndex;
  return async (repo, query, k) => (await codeIndex.open()).hits(repo, query, k);
}

/**
 * The API answering MCP's calls in this process, with the MCP caller's address (the API's rule for a server
 * without tokens, "this machine only", holds for them too).
 */
function apiFetchFor(deps: ApiV1Deps) {
  const api = createApiV1(deps);
  return (request: Request, remoteAddress: string | undefined) =>
    Promise.resolve(api.fetch(request, { incoming: { socket: { remoteAddress } } }));
}

/**
 * Health, readiness (`checks`) and metrics, then `routes`: what a worker process serves (no routes), and the
 * setup page before the app is registered.
 */
export async function startHealthServer(
  settings: Settings,
  logger: Logger,
  metrics: Metrics,
  checks: readonly ReadinessCheck[],
  routes: Middleware[] = [],
): Promise<Web> {
  const server = createHttpServer({
    logger,
    metrics,
    readiness: { checks, statusToken: settings.PIPELINE_STATUS_TOKEN },
    routes,
  });
  return listen(server, settings, logger, async () => undefined);
}

async function listen(
  server: Server,
  settings: Settings,
  logger: Logger,
  drain: () => Promise<void>,
  /** Ends long-lived streams (MCP sessions) that would keep the server from closing. */
  endStreams: () => Promise<void> = async () => undefined,
): Promise<Web> {
  server.keepAliveTimeout = 65_000;
  // GitHub sends a delivery whole and gives up after 10 s; a body still trickling in after this long is not
  // GitHub's and would hold one of the webhook's pending-body slots (Node checks every 30 s, so 15-45 s).
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.PORT, settings.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.HOST === '0.0.0.0' ? '127.0.0.1' : settings.HOST;
  const url = `http://${host}:${port}`;
  logger.info({ url }, 'http server listening');
  return {
    url,
    async close() {
      // Stop accepting, let in-flight requests end, then wait for work they started (replies being posted).
      await endStreams();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await drain();
    },
  };
}
