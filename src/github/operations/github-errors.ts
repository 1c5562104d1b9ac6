/**
 * The HTTP status of a GitHub failure that is GitHub's, not the request's: a server error (5xx, which Octokit
 * also reports for a network failure) or a rate limit (429). Undefined for anything else, including 4xx
 * answers that mean something about the request (404: no such file; 403: no access).
 */
export function gitHubUnavailableStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const { status } = error;
  return typeof status === 'number' && (status >= 500 || status === 429) ? status : undefined;
}
