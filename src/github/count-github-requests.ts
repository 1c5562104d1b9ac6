import type { Metrics } from '../monitoring/metrics.js';
import type { GitHubClient } from './client.js';

/** What an absolute URL (a paginated `next` link, with ids in it) is counted as, so the route label stays bounded. */
const FOLLOWED_LINK = 'followed link';

/**
 * An Octokit plugin that counts every request by route (`GET /repos/{owner}/{repo}/issues`: the URL template
 * Octokit is given, so ids never become labels) and every failure by route and status, after Octokit's own
 * retries. It runs on the webhook path, so it only adds to plain numbers (`RequestTally`); the Prometheus
 * counters read them when scraped.
 */
export function countGitHubRequests(metrics: Metrics) {
  const tally = metrics.githubTally;
  return (octokit: Pick<GitHubClient, 'hook'>): void => {
    octokit.hook.wrap('request', async (request, options) => {
      const route = tally.route(options.method, options.url.includes('://') ? FOLLOWED_LINK : options.url);
      route.requests += 1;
      try {
        return await request(options);
      } catch (error) {
        const status = statusOf(error);
        route.errors.set(status, (route.errors.get(status) ?? 0) + 1);
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
