import { run } from 'probot';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';

/**
 * Without GitHub App credentials there is nothing to receive webhooks for yet: serve Probot's setup page,
 * which registers the app from `app.yml` and writes the credentials to `.env`. The webhook proxy channel is
 * not created (no third-party relay is contacted).
 */
export async function serveSetupPage(settings: Settings, logger: Logger): Promise<void> {
  logger.warn('APP_ID, PRIVATE_KEY and WEBHOOK_SECRET are not set: serving the GitHub App setup page');
  await run(() => undefined, {
    env: {
      PORT: String(settings.PORT),
      HOST: settings.HOST,
      LOG_LEVEL: settings.LOG_LEVEL,
      ...(settings.GHE_HOST ? { GHE_HOST: settings.GHE_HOST } : {}),
    },
    log: logger,
    SmeeClient: { createChannel: async () => undefined },
  });
}
