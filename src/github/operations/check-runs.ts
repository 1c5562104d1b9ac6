import { OutboundSecretError } from '../../integrations/secrets/index.js';
import type { GitHubClient, RepoRef } from '../client.js';

export type CheckAnnotation = {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
};

export type CheckOutput = { title: string; summary: string; text?: string; annotations?: CheckAnnotation[] };

/** GitHub takes at most 50 annotations per request. */
const ANNOTATIONS_PER_REQUEST = 50;

/** The check run of this name on this commit, if one was made (a resumed run reuses it). */
export async function findCheckRun(
  octokit: GitHubClient,
  repo: RepoRef,
  headSha: string,
  name: string,
): Promise<number | undefined> {
  const { data } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: headSha,
    check_name: name,
    per_page: 10,
  });
  return data.check_runs[0]?.id;
}

/** A check run as GitHub answered when it was opened: its id, its page and its "Details" link. */
export type StartedCheckRun = { id: number; url: string | null; detailsUrl: string | null };

/** Opens the check run in progress (or reopens the one this commit has); `detailsUrl` is its "Details" link. */
export async function startCheckRun(
  octokit: GitHubClient,
  repo: RepoRef,
  headSha: string,
  name: string,
  detailsUrl?: string,
): Promise<StartedCheckRun> {
  const details = detailsUrl ? { details_url: detailsUrl } : {};
  const existing = await findCheckRun(octokit, repo, headSha, name);
  const { data } = existing
    ? await octokit.rest.checks.update({ ...repo, check_run_id: existing, status: 'in_progress', ...details })
    : await octokit.rest.checks.create({
        ...repo,
        name,
        head_sha: headSha,
        status: 'in_progress',
        started_at: new Date().toISOString(),
        ...details,
      });
  return { id: data.id, url: data.html_url ?? null, detailsUrl: data.details_url ?? null };
}

/**
 * Completes the check run; annotations beyond the first 50 are sent in further updates. A report the app's
 * outbound guard holds back (it seems to contain a secret) still completes the check, with a plain note in place
 * of the report, so it does not spin on the PR; the refusal is then thrown for the run to report.
 */
export async function completeCheckRun(
  octokit: GitHubClient,
  repo: RepoRef,
  checkRunId: number,
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out',
  output: CheckOutput,
): Promise<void> {
  const annotations = output.annotations ?? [];
  const first = annotations.slice(0, ANNOTATIONS_PER_REQUEST);
  const complete = (completedOutput: CheckOutput) =>
    octokit.rest.checks.update({
      ...repo,
      check_run_id: checkRunId,
      status: 'completed',
      conclusion,
      completed_at: new Date().toISOString(),
      output: completedOutput,
    });
  try {
    await complete({ ...output, annotations: first });
  } catch (error) {
    if (!(error instanceof OutboundSecretError)) throw error;
    await complete({ title: 'Report held back', summary: error.message });
    throw error;
  }
  for (let i = ANNOTATIONS_PER_REQUEST; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: checkRunId,
      output: {
        title: output.title,
        summary: output.summary,
        annotations: annotations.slice(i, i + ANNOTATIONS_PER_REQUEST),
      },
    });
  }
}
