import type { GitHubClient } from '../client.js';
import type { InstallationClients } from '../installation-clients.js';

/** Where a run on an issue would work: the app's installation on the repository, and the issue itself. */
export type LocatedIssue =
  { found: true; installationId: number; title: string } | { found: false; reason: string };

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status
    : undefined;

/**
 * Finds the app's installation on `repoFullName` (with the app's own JWT) and the open issue `issueNumber`
 * there (with the installation's token), for a run started outside a webhook (the HTTP API, MCP). A 404 is an
 * answer ("not installed", "no such issue"); anything else GitHub says is thrown.
 */
export async function locateIssue(
  clients: InstallationClients,
  repoFullName: string,
  issueNumber: number,
): Promise<LocatedIssue> {
  const [owner = '', repo = ''] = repoFullName.split('/');
  const app: GitHubClient = await clients.get(undefined);
  let installationId: number;
  try {
    ({
      data: { id: installationId },
    } = await app.rest.apps.getRepoInstallation({ owner, repo }));
  } catch (error) {
    if (statusOf(error) === 404)
      return { found: false, reason: `The app is not installed on ${repoFullName}.` };
    throw error;
  }
  const octokit = await clients.get(installationId);
  try {
    const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: issueNumber });
    if (data.pull_request)
      return { found: false, reason: `#${issueNumber} is a pull request, not an issue.` };
    if (data.state !== 'open') return { found: false, reason: `Issue #${issueNumber} is closed.` };
    return { found: true, installationId, title: data.title };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 410)
      return { found: false, reason: `${repoFullName} has no issue #${issueNumber}.` };
    throw error;
  }
}
