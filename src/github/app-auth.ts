import { createProbot } from './create-probot.js';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import type { GitHubClient } from './client.js';

export type BotIdentity = { name: string; email: string };

/**
 * GitHub App authentication for workers: installation clients, git tokens and the app's bot identity.
 * Probot caches installation tokens until shortly before they expire.
 */
export function createAppAuth(settings: Settings, logger: Logger) {
  const probot = createProbot(settings, logger);
  let identity: Promise<BotIdentity> | undefined;

  return {
    installation(installationId: number): Promise<GitHubClient> {
      return probot.auth(installationId);
    },
    async gitToken(installationId: number): Promise<string> {
      const octokit = await probot.auth(installationId);
      const auth = (await octokit.auth({ type: 'installation' })) as { token?: unknown };
      if (typeof auth.token !== 'string') throw new Error('GitHub returned no installation token');
      return auth.token;
    },
    /** `<slug>[bot]` with GitHub's noreply address, so commits show as the app. */
    botIdentity(): Promise<BotIdentity> {
      identity ??= probot.auth().then(async (app) => {
        const { data } = await app.rest.apps.getAuthenticated();
        const slug = settings.APP_SLUG ?? data?.slug ?? 'agentic-dev-pipeline';
        const host = new URL(settings.githubApiUrl).hostname.replace(/^api\./, '');
        return { name: `${slug}[bot]`, email: `${slug}[bot]@users.noreply.${host}` };
      });
      return identity;
    },
  };
}

export type AppAuth = ReturnType<typeof createAppAuth>;
