import { ProbotOctokit } from 'probot';
import { secretValues } from '../config/secret-values.js';
import type { Settings } from '../config/settings.js';
import type { Metrics } from '../monitoring/metrics.js';
import { countGitHubRequests } from './count-github-requests.js';
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
 * The Octokit class every client of the app is made from: Probot's plugins (retry, paginate, config), with
 * GitHub's throttling (one write per second, secondary-limit back-off) unless GITHUB_THROTTLE=off (GitHub
 * Enterprise Servers without rate limits, and the local twin). Every client it makes (webhook handlers' and
 * workers') refuses to send a write that seems to hold a secret, and, given `metrics`, counts its requests.
 */
export function octokitClass(settings: Settings, metrics?: Metrics): typeof ProbotOctokit {
  const base = settings.GITHUB_THROTTLE ? ThrottledOctokit : UnthrottledOctokit;
  const guarded = base.plugin(guardOutboundRequests(secretValues(settings)));
  return metrics ? guarded.plugin(countGitHubRequests(metrics)) : guarded;
}
