import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../monitoring/logger.js';
import type { Metrics } from '../monitoring/metrics.js';
import { bearerTokenMatches } from './bearer-token-matches.js';
import { checkReadiness, type ReadinessCheck, type ReadinessReport } from './check-readiness.js';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;

const READINESS_TIMEOUT_MS = 3_000;

export type HttpServerOptions = {
  logger: Logger;
  metrics: Metrics;
  readiness: {
    /** What /readyz checks: the database and queue, and in a worker process the sandbox. */
    checks: readonly ReadinessCheck[];
    /** With `Authorization: Bearer <token>`, /readyz adds each failure's raw detail. */
    statusToken?: string | undefined;
    /** A check slower than this is down. Default 3 s. */
    timeoutMs?: number;
  };
  /** Routes tried in order before the 404 (webhooks, API, dashboard). */
  routes: Middleware[];
};

/**
 * The web process's one HTTP server: liveness, readiness and metrics first (cheap, no auth),
 * then the given routes (Probot's webhook middleware, the API), then 404.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const handleRoutes = (req: IncomingMessage, res: ServerResponse, index: number): void => {
    const route = options.routes[index];
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      return;
    }
    // A route that throws synchronously is answered like one that rejects.
    new Promise((resolve) => resolve(route(req, res, () => handleRoutes(req, res, index + 1)))).catch(
      (error: unknown) => {
        options.logger.error({ err: error, url: req.url }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal error' }));
      },
    );
  };

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (req.method === 'GET' && path === '/readyz') {
      const { checks, statusToken, timeoutMs = READINESS_TIMEOUT_MS } = options.readiness;
      const withDetail = bearerTokenMatches(req.headers.authorization, statusToken);
      checkReadiness(checks, timeoutMs)
        .then((report) => {
          if (!report.ready) options.logger.warn({ components: report.components }, 'not ready');
          res
            .writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify(readinessBody(report, withDetail)));
        })
        .catch((error: unknown) => {
          options.logger.error({ err: error }, 'readiness check failed');
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"status":"unknown"}');
        });
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      options.metrics.registry
        .metrics()
        .then((text) =>
          res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text),
        )
        .catch((error: unknown) => {
          options.logger.error({ err: error }, 'metrics failed');
          res.writeHead(500).end();
        });
      return;
    }
    handleRoutes(req, res, 0);
  });
}

/**
 * `{"status":"ready"|"unavailable","checks":{"database":{"status":"up"},"sandbox":{"status":"down","reason":…}}}`.
 * Reasons are plain sentences; raw error text (hosts, driver messages) only for a caller with the status token.
 */
function readinessBody(report: ReadinessReport, withDetail: boolean) {
  const checks = Object.fromEntries(
    report.components.map((c) => [
      c.name,
      c.up
        ? { status: 'up', ...(c.note ? { note: c.note } : {}) }
        : { status: 'down', reason: c.reason, ...(withDetail && c.detail ? { detail: c.detail } : {}) },
    ]),
  );
  return { status: report.ready ? 'ready' : 'unavailable', checks };
}
