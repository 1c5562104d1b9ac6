import { boot } from './runtime/boot.js';
import { onShutdown } from './runtime/on-shutdown.js';
import { serveSetupPage } from './runtime/serve-setup-page.js';
import { startApp } from './runtime/start-app.js';

// The default process: web server and worker together (or the setup page before the app is registered).
const { settings, logger } = boot('pipeline');
if (!settings.hasAppCredentials) {
  const setup = await serveSetupPage(settings, logger);
  onShutdown(logger, () => setup.close());
} else {
  const worker = settings.PIPELINE_RUN_WORKER && Boolean(settings.ANTHROPIC_API_KEY);
  const app = await startApp(settings, logger, { web: true, worker });
  if (settings.PIPELINE_RUN_WORKER && !worker)
    logger.warn('ANTHROPIC_API_KEY is not set: runs are queued but no worker runs them');
  onShutdown(logger, () => app.close());
}
