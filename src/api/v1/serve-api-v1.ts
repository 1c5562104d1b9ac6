import { getRequestListener } from '@hono/node-server';
import type { Middleware } from '../http-server.js';
import type { ApiV1Deps } from './api-v1-app.js';
import { API_V1_PATH, createApiV1 } from './create-api-v1.js';

/** The `/api/v1` routes as a route of the app's HTTP server; other paths go on to the next route. */
export function serveApiV1(deps: ApiV1Deps): Middleware {
  const listener = getRequestListener(createApiV1(deps).fetch);
  if (!deps.tokens?.length && deps.loopbackAccess !== false) {
    deps.logger.warn(
      `PIPELINE_API_TOKENS is not set: ${API_V1_PATH} answers requests from this machine only`,
    );
  }
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path !== API_V1_PATH && !path.startsWith(`${API_V1_PATH}/`)) return next();
    return listener(req, res);
  };
}
