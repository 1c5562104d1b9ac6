import { Probot, ProbotOctokit } from 'probot';
import { secretValues } from '../config/secret-values.js';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import { guardOutboundRequests } from './guard-outbound-requests.js';

type ProbotOctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/**
 * Octokit without GitHub's client-side throttling. A function default is applied after Probot merges its own
 * `throttle` options (an object default would be overwritten by them), and installation clients inherit it.
 */
const UnthrottledOctokit = ProbotOctokit.defaults((options: ProbotOctokitOptions = {}) => ({
  ...options,
  throttle: { ...options.throttle, enabled: false },
}));

/** Retries after a secondary rate limit before giving up (GitHub asks for its `retry-after`). */
const SECONDARY_LIMIT_RETRIES = 3;

/**
 * Octokit with GitHub's client-side throttling, where a secondary rate limit is waited out and retried
 * (Probot's own handler only logs it, so the request would fail).
 */
const ThrottledOctokit = ProbotOctokit.defaults((options: ProbotOctokitOptions = {}) => ({
  ...options,
  throttle: {
    ...options.throttle,
    onSecondaryRateLimit: (_retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
      retryCount < SECONDARY_LIMIT_RETRIES,
  },
}));

/**
 * The one Probot instance a process needs, on the configured API base URL. Octokit keeps its retry plugin
 * always; GitHub's throttling (one write per second, secondary-limit back-off) can be turned off for GitHub
 * Enterprise Servers without rate limits (and the local twin) with GITHUB_THROTTLE=off. Every client it makes
 * (webhook handlers' and workers') refuses to send a write that seems to hold a secret.
 */
export function createProbot(settings: Settings, logger: Logger): Probot {
  const Octokit = settings.GITHUB_THROTTLE ? ThrottledOctokit : UnthrottledOctokit;
  return new Probot({
    appId: settings.APP_ID,
    privateKey: settings.PRIVATE_KEY,
    secret: settings.WEBHOOK_SECRET,
    baseUrl: settings.githubApiUrl,
    log: logger.child({ name: 'probot' }),
    Octokit: Octokit.plugin(guardOutboundRequests(secretValues(settings))),
  });
}
