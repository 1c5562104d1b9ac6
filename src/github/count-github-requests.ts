import type { Metrics } from '../monitoring/metrics.js';
import type { GitHubClient } from './client.js';

type RouteCounters = {
  route: string;
  requests: ReturnType<Metrics['githubRequests']['labels']>;
  errors: Map<string, ReturnType<Metrics['githubErrors']['labels']>>;
};

/** What an absolute URL (a paginated `next` link, with ids in it) is counted as, so the route label stays bounded. */
const FOLLOWED_LINK = 'followed link';

/**
 * An Octokit plugin that counts every request by route (`GET /repos/{owner}/{repo}/issues`: the URL template
 * Octokit is given, so ids never become labels) and every failure by route and status, after Octokit's own
 * retries. It runs on the webhook path, so a route's counters are looked up once and kept: a request costs a
 * map lookup and an add.
 */
export function countGitHubRequests(metrics: Metrics) {
  const routes = new Map<string, RouteCounters>();
  const countersOf = (method: string, url: string): RouteCounters => {
    const route = `${method} ${url.includes('://') ? FOLLOWED_LINK : url}`;
    let counters = routes.get(route);
    if (!counters) {
      counters = { route, requests: metrics.githubRequests.labels(route), errors: new Map() };
      routes.set(route, counters);
    }
    return counters;
  };
  const countError = (counters: RouteCounters, status: string): void => {
    let errors = counters.errors.get(status);
    if (!errors) {
      errors = metrics.githubErrors.labels(counters.route, status);
      counters.errors.set(status, errors);
    }
    errors.inc();
  };

  return (octokit: Pick<GitHubClient, 'hook'>): void => {
    octokit.hook.wrap('request', async (request, options) => {
      const counters = countersOf(options.method, options.url);
      counters.requests.inc();
      try {
        return await request(options);
      } catch (error) {
        countError(counters, statusOf(error));
        throw error;
      }
    });
  };
}

/** The HTTP status of a failed request (Octokit's RequestError carries it), or `network` when none came back. */
function statusOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    return String(error.status);
  }
  return 'network';
}
