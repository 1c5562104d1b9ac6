import { getRequestListener } from '@hono/node-server';
import type { Middleware } from '../http-server.js';
import { createDashboard, type DashboardDeps } from './create-dashboard.js';

const PAGES = /^\/(?:$|runs\/[^/]+$|dashboard\/[^/]+$|login(?:\/callback)?$|logout$)/;

/** The dashboard's pages, assets and sign-in as a route of the app's HTTP server; other paths go on. */
export function serveDashboard(deps: DashboardDeps): Middleware {
  const listener = getRequestListener(createDashboard(deps).fetch);
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!PAGES.test(path)) return next();
    return listener(req, res);
  };
}
