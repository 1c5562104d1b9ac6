import type { InstallationClients } from '../installation-clients.js';
import { repoRef } from '../client.js';

/** The most of a diff that is kept: past it the diff is cut at a line end and says so. */
export const MAX_DIFF_BYTES = 1024 * 1024;

/** A pull request's unified diff as GitHub gives it, or why there is none. */
export type PullRequestDiff =
  { found: true; diff: string; bytes: number; truncated: boolean } | { found: false; reason: string };

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status
    : undefined;

/**
 * Reads pull request `prNumber` of the run's repository as a unified diff (`application/vnd.github.diff`),
 * with the installation's token, keeping at most `maxBytes`. A pull request GitHub does not know (404) or
 * will not diff because it is too large (406) is an answer; anything else GitHub says is thrown.
 */
export async function pullRequestDiff(
  clients: InstallationClients,
  run: { installationId: number; repoFullName: string; prNumber: number },
  maxBytes = MAX_DIFF_BYTES,
): Promise<PullRequestDiff> {
  const octokit = await clients.get(run.installationId);
  let text: string;
  try {
    const { data } = await octokit.rest.pulls.get({
      ...repoRef(run.repoFullName),
      pull_number: run.prNumber,
      mediaType: { format: 'diff' },
    });
    // With the diff media type Octokit hands back the body as text, whatever the response type says.
    text = typeof data === 'string' ? data : '';
  } catch (error) {
    const status = statusOf(error);
    if (status === 404)
      return { found: false, reason: `${run.repoFullName} has no pull request #${run.prNumber}.` };
    if (status === 406)
      return {
        found: false,
        reason: `GitHub does not make a diff of pull request #${run.prNumber}: it is too large.`,
      };
    throw error;
  }
  return { found: true, ...capped(text, maxBytes) };
}

/** The diff cut to `maxBytes` at the end of a line (never inside a character), with its whole size. */
function capped(text: string, maxBytes: number): { diff: string; bytes: number; truncated: boolean } {
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return { diff: text, bytes, truncated: false };
  const head = Buffer.from(text).subarray(0, maxBytes);
  const lineEnd = head.lastIndexOf(0x0a);
  return { diff: head.subarray(0, lineEnd + 1).toString('utf8'), bytes, truncated: true };
}
