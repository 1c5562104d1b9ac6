import type pg from 'pg';
import { githubLogin } from '../api/dashboard/github-login.js';
import { localAccess } from '../api/dashboard/local-access.js';
import type { DashboardAuth } from '../api/dashboard/viewer.js';
import type { Settings } from '../config/settings.js';
import { createGitHubUserClient } from '../github/user-access/github-user-client.js';
import type { Logger } from '../monitoring/logger.js';

/** GitHub login when the App's OAuth client is configured; otherwise this machine only. */
export function dashboardAuth(settings: Settings, db: pg.Pool, logger: Logger): DashboardAuth {
  const { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, PIPELINE_SESSION_SECRET } = settings;
  if (!GITHUB_CLIENT_ID || !GITHUB_CLIENT_SECRET || !PIPELINE_SESSION_SECRET) return localAccess(logger);
  return githubLogin({
    github: createGitHubUserClient({
      clientId: GITHUB_CLIENT_ID,
      clientSecret: GITHUB_CLIENT_SECRET,
      apiUrl: settings.githubApiUrl,
    }),
    db,
    sessionSecret: PIPELINE_SESSION_SECRET,
    accessCacheSeconds: settings.PERMISSION_CACHE_SECONDS,
    logger,
  });
}
