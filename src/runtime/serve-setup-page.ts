import { createProxyServer } from 'http-proxy-3';
import { run } from 'probot';
import type { Middleware } from '../api/http-server.js';
import type { ReadinessCheck } from '../api/check-readiness.js';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import { createMetrics } from '../monitoring/metrics.js';
import { startHealthServer, type Web } from './start-web.js';

/** What /readyz reports before the app is registered: up, and what to do next. */
const SETUP_CHECK: ReadinessCheck = {
  name: 'github_app',
  run: async () => ({
    up: true,
    note: 'not registered yet: open this server in a browser to register the GitHub App',
  }),
};

/**
 * Without GitHub App credentials there is nothing to receive webhooks for yet: serve Probot's setup page,
 * which registers the app from `app.yml` and writes the credentials to `.env`. The webhook proxy channel is
 * not created (no third-party relay is contacted).
 *
 * Probot's setup server owns its HTTP server, so it listens on a loopback port of its own and the public
 * port is ours: /healthz, /readyz and /metrics answer as in every other mode, and the rest goes to the setup
 * page with the caller's Host header (the manifest's URLs are built from it).
 */
export async function serveSetupPage(settings: Settings, logger: Logger): Promise<Web> {
  const setup = await run(() => undefined, {
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      // Probot's own welcome line names its loopback port; ours names the public one.
      LOG_LEVEL: 'warn',
      ...(settings.GHE_HOST ? { GHE_HOST: settings.GHE_HOST } : {}),
    },
    log: logger.child({ component: 'setup' }, { level: 'warn' }),
    SmeeClient: { createChannel: async () => undefined },
  });
  const proxy = createProxyServer({ target: `http://127.0.0.1:${setup.port}`, xfwd: true });
  const toSetupPage: Middleware = (req, res) =>
    proxy.web(req, res, {}, (err) => {
      logger.error({ err, url: req.url }, 'the setup page did not answer');
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'the setup page did not answer' }));
    });
  const web = await startHealthServer(settings, logger, createMetrics(), [SETUP_CHECK], [toSetupPage]);
  logger.warn(
    { url: web.url },
    'APP_ID, PRIVATE_KEY and WEBHOOK_SECRET are not set: open this server in a browser to register the GitHub App',
  );
  return {
    url: web.url,
    async close() {
      await web.close();
      proxy.close();
      await setup.stop();
    },
  };
}
