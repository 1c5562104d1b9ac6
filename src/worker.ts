import { boot } from './runtime/boot.js';
import { onShutdown } from './runtime/on-shutdown.js';
import { startApp } from './runtime/start-app.js';

// A worker alone: scale these out on Redis + PostgreSQL.
const { settings, logger } = boot('pipeline-worker');
if (!settings.hasAppCredentials) {
  logger.fatal('APP_ID, PRIVATE_KEY and WEBHOOK_SECRET are required for a worker');
  process.exit(1);
}
const app = await startApp(settings, logger, { web: false, worker: true });
onShutdown(logger, () => app.close());
