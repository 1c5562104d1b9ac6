/**
 * The HTTP status of a GitHub failure that is GitHub's, not the request's: a server error (5xx, which Octokit
 * also reports for a network failure) or a rate limit (429, or a 403 naming the secondary rate limit).
 * Undefined for anything else, including 4xx answers that mean something about the request (404: no such
 * file; 403: no access). The one "GitHub is unavailable" check of the code base.
 */
export function gitHubUnavailableStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const { status } = error;
  if (typeof status !== 'number') return undefined;
  const secondaryLimit =
    status === 403 && error instanceof Error && /secondary rate limit/i.test(error.message);
  return status >= 500 || status === 429 || secondaryLimit ? status : undefined;
}
