import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import type pg from 'pg';
import type { Logger } from '../../monitoring/logger.js';
import { newestEventId, RunStatuses } from '../../storage/index.js';
import type { dashboardPage } from './dashboard-page.js';
import { type PageViewer } from './dashboard-page.js';
import { errorPage } from './error-page.js';
import { runPage } from './run-page.js';
import { runsPage } from './runs-page.js';
import type { DashboardAuth } from './viewer.js';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const ASSETS: Record<string, { type: string; body: string }> = {
  'dashboard.mjs': { type: 'text/javascript; charset=utf-8', body: asset('dashboard.mjs') },
  'dashboard.css': { type: 'text/css; charset=utf-8', body: asset('dashboard.css') },
};

const Filter = z.object({
  repo: z
    .string()
    .trim()
    .regex(/^[^/\s]+\/[^/\s]+$/)
    .optional()
    .catch(undefined),
  status: z.enum(RunStatuses).optional().catch(undefined),
});

export interface DashboardDeps {
  db: pg.Pool;
  auth: DashboardAuth;
  logger: Logger;
}

/**
 * The dashboard: server-rendered pages at `/` (runs) and `/runs/{id}` (one run), and the one ES module and style
 * sheet they load (no framework, nothing from another origin). The pages' data comes from `/api/v1`.
 */
export function createDashboard({ db, auth, logger }: DashboardDeps): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    }),
  );
  auth.register(app);

  app.get('/dashboard/:asset', (c) => {
    const found = ASSETS[c.req.param('asset')];
    if (!found) return c.html(errorPage('Not found', 'There is no such file.'), 404);
    return c.body(found.body, 200, { 'content-type': found.type, 'cache-control': 'no-cache' });
  });

  async function page(c: Context, render: (viewer: PageViewer) => ReturnType<typeof dashboardPage>) {
    const answer = await auth.viewer(c);
    if (answer.kind === 'refused') return c.html(errorPage('Not available', answer.reason), 403);
    if (answer.kind === 'sign-in') return c.redirect(answer.location, 302);
    return c.html(render(answer.viewer));
  }

  app.get('/', (c) =>
    page(c, async (viewer) => runsPage(viewer, Filter.parse(c.req.query()), await newestEventId(db))),
  );
  app.get('/runs/:id', (c) => {
    const id = z.uuid().safeParse(c.req.param('id'));
    if (!id.success) return c.html(errorPage('Not found', 'That is not a run id.'), 404);
    return page(c, (viewer) => runPage(viewer, id.data));
  });

  app.onError((error, c) => {
    logger.error({ err: error, path: c.req.path }, 'dashboard request failed');
    return c.html(
      errorPage('Something went wrong', 'The page failed on the server; the error is in its log.'),
      500,
    );
  });
  return app;
}
