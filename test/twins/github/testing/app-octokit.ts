import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { Octokit } from '@octokit/rest';
import type { GitHubTwin } from '../twin.js';

export interface TwinOctokitOptions {
  /** Retry 5xx answers (plugin-retry) with ~1 ms back-off; off by default so tests can count calls. */
  retries?: number;
}

/**
 * A real Octokit authenticated as the twin's app installation: `@octokit/auth-app` signs an RS256 JWT
 * with the app key and exchanges it for an installation token at the twin.
 */
export function installationOctokit(
  twin: GitHubTwin,
  installationId: number,
  options: TwinOctokitOptions = {},
): Octokit {
  const RetryingOctokit = Octokit.plugin(retry);
  return new RetryingOctokit({
    baseUrl: twin.url,
    authStrategy: createAppAuth,
    auth: { appId: twin.app.appId, privateKey: twin.app.privateKey, installationId },
    retry: { enabled: (options.retries ?? 0) > 0, retries: options.retries ?? 0, retryAfterBaseValue: 1 },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
}
