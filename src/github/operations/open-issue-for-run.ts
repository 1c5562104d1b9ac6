import type { InstallationClients } from '../installation-clients.js';
import type { LocatedIssue } from './locate-issue.js';

/**
 * Opens a new issue on `repoFullName` as the app, for a run asked for outside GitHub (the API, MCP) with a
 * title and a body instead of an issue number; the body says who asked. Answers like `locateIssue`, with the
 * new issue's number.
 */
export async function openIssueForRun(
  clients: InstallationClients,
  repoFullName: string,
  issue: { title: string; body: string; requestedBy: string },
): Promise<
  (LocatedIssue & { found: false }) | { found: true; installationId: number; number: number; title: string }
> {
  const [owner = '', repo = ''] = repoFullName.split('/');
  const app = await clients.get(undefined);
  const installation = await app.rest.apps.getRepoInstallation({ owner, repo }).catch((error: unknown) => {
    if (typeof error === 'object' && error !== null && 'status' in error && error.status === 404)
      return undefined;
    throw error;
  });
  if (!installation) return { found: false, reason: `The app is not installed on ${repoFullName}.` };
  const octokit = await clients.get(installation.data.id);
  const { data } = await octokit.rest.issues.create({
    owner,
    repo,
    title: issue.title,
    body: `${issue.body}\n\n---\n_Opened by the pipeline for ${issue.requestedBy}._`,
  });
  return { found: true, installationId: installation.data.id, number: data.number, title: data.title };
}
