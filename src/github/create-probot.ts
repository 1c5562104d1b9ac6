import { Probot } from 'probot';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import type { Metrics } from '../monitoring/metrics.js';
import { octokitClass } from './octokit-class.js';

/** The one Probot instance a process needs, on the configured API base URL (see `octokitClass`). */
export function createProbot(settings: Settings, logger: Logger, metrics?: Metrics): Probot {
  return new Probot({
    appId: settings.APP_ID,
    privateKey: settings.PRIVATE_KEY,
    secret: settings.WEBHOOK_SECRET,
    baseUrl: settings.githubApiUrl,
    log: logger.child({ name: 'probot' }),
    Octokit: octokitClass(settings, metrics),
  });
}
