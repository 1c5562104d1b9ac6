import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../monitoring/logger.js';
import type { Metrics } from '../monitoring/metrics.js';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;

export type HttpServerOptions = {
  logger: Logger;
  metrics: Metrics;
  /** Resolves when the database and queue answer; rejects with the reason otherwise. */
  checkReadiness: () => Promise<void>;
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
      options
        .checkReadiness()
        .then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}'))
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          res
            .writeHead(503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: 'unavailable', reason }));
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
