import { LRUCache } from 'lru-cache';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import type { Metrics } from '../monitoring/metrics.js';
import type { GitHubClient } from './client.js';
import { createProbot } from './create-probot.js';
import { installationTokenAuth } from './installation-token-auth.js';
import { createInstallationTokens } from './installation-tokens.js';
import { octokitClass } from './octokit-class.js';
import { tokenScopeKey, type TokenScope } from './token-scope.js';

/** The app's bot user (commit author, and the author of every comment the app writes) and the app's id. */
export type BotIdentity = { name: string; email: string; appId: number };

/** Scoped clients kept; each is small, and rebuilt (with its cached token) when evicted. */
const MAX_CLIENTS = 2_000;

/**
 * GitHub App authentication for workers: clients and git tokens narrowed to one repository and the
 * permissions a step needs, and the app's bot identity. Probot's own installation clients cannot be narrowed:
 * `@octokit/auth-app`'s request hook always asks for a token for the whole installation with every permission.
 */
export function createAppAuth(settings: Settings, logger: Logger, metrics?: Metrics) {
  const probot = createProbot(settings, logger, metrics);
  const Octokit = octokitClass(settings, metrics);
  const log = logger.child({ name: 'github' });
  const clients = new LRUCache<string, GitHubClient>({ max: MAX_CLIENTS });
  const tokens = createInstallationTokens(() => probot.auth());
  let identity: Promise<BotIdentity> | undefined;

  return {
    /** An installation client whose token reaches only `scope`. */
    async installation(installationId: number, scope: TokenScope): Promise<GitHubClient> {
      const key = tokenScopeKey(installationId, scope);
      let client = clients.get(key);
      if (!client) {
        client = new Octokit({
          baseUrl: settings.githubApiUrl,
          log,
          authStrategy: installationTokenAuth,
          auth: { token: () => tokens.get(installationId, scope) },
        });
        clients.set(key, client);
      }
      return client;
    },
    /** A token for git over HTTPS, narrowed like a client's. */
    gitToken(installationId: number, scope: TokenScope): Promise<string> {
      return tokens.get(installationId, scope);
    },
    /** `<slug>[bot]` with GitHub's noreply address, so commits show as the app. */
    botIdentity(): Promise<BotIdentity> {
      identity ??= probot.auth().then(async (app) => {
        const { data } = await app.rest.apps.getAuthenticated();
        const slug = settings.APP_SLUG ?? data?.slug ?? 'agentic-dev-pipeline';
        const host = new URL(settings.githubApiUrl).hostname.replace(/^api\./, '');
        return {
          name: `${slug}[bot]`,
          email: `${slug}[bot]@users.noreply.${host}`,
          appId: data?.id ?? Number(settings.APP_ID),
        };
      });
      // A failed lookup is asked again next time instead of failing every later commit.
      identity.catch(() => (identity = undefined));
      return identity;
    },
  };
}

export type AppAuth = ReturnType<typeof createAppAuth>;
