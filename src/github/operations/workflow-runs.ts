import { z } from 'zod';
import type { GitHubClient, RepoRef } from '../client.js';

/** A workflow as the dispatch endpoint names it: its file name under `.github/workflows/`, or its id. */
export type WorkflowId = string | number;

/** What the pipeline follows of a GitHub Actions workflow run. */
export type WorkflowRun = {
  id: number;
  htmlUrl: string;
  status: string;
  /** `success`, `failure`, `cancelled`, `timed_out`, …; null until the run has completed. */
  conclusion: string | null;
};

/** A job of a run and its steps, by name and conclusion: what a failed deploy is diagnosed from. */
export type WorkflowJob = {
  name: string;
  conclusion: string | null;
  htmlUrl: string | null;
  steps: { name: string; conclusion: string | null }[];
};

/**
 * Dispatches the workflow on `ref` (a branch or tag) with `inputs`. GitHub.com answers the new run's id when
 * asked (`return_run_details`); GitHub Enterprise Server answers nothing (204), and the run is then found by
 * `findDispatchedRun`.
 */
export async function dispatchWorkflow(
  octokit: GitHubClient,
  repo: RepoRef,
  input: { workflow: WorkflowId; ref: string; inputs: Record<string, string> },
): Promise<{ runId: number; htmlUrl: string } | undefined> {
  const response = await octokit.rest.actions.createWorkflowDispatch({
    ...repo,
    workflow_id: input.workflow,
    ref: input.ref,
    inputs: input.inputs,
    return_run_details: true,
  });
  // Octokit's types know only the 204; the 200 with the run's details is checked here.
  const details = dispatchDetails.safeParse(response.data);
  return details.success
    ? { runId: details.data.workflow_run_id, htmlUrl: details.data.html_url }
    : undefined;
}

/** GitHub's answer to a dispatch with `return_run_details` (absent on GitHub Enterprise Server). */
const dispatchDetails = z.object({ workflow_run_id: z.number().int(), html_url: z.string() });

/**
 * The earliest run of the workflow that `actor` dispatched on `branch` since `since`, other than the runs in
 * `taken`: the run a dispatch started when GitHub did not say which. Undefined while it has not appeared yet.
 */
export async function findDispatchedRun(
  octokit: GitHubClient,
  repo: RepoRef,
  input: { workflow: WorkflowId; branch: string; actor: string; since: Date; taken: ReadonlySet<number> },
): Promise<WorkflowRun | undefined> {
  // Newest first: the first page holds any run this recent. (`created` is left out: GitHub's OpenAPI
  // description types it as one date-time, not the `>=` range its search syntax takes.)
  const { data } = await octokit.rest.actions.listWorkflowRuns({
    ...repo,
    workflow_id: input.workflow,
    event: 'workflow_dispatch',
    branch: input.branch,
    actor: input.actor,
    per_page: 100,
  });
  const found = data.workflow_runs
    .filter((r) => Date.parse(r.created_at) >= input.since.getTime() && !input.taken.has(r.id))
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id)[0];
  return found && toRun(found);
}

export async function getWorkflowRun(
  octokit: GitHubClient,
  repo: RepoRef,
  runId: number,
): Promise<WorkflowRun> {
  const { data } = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: runId });
  return toRun(data);
}

/** The jobs of the run's latest attempt, with their steps. */
export async function listWorkflowJobs(
  octokit: GitHubClient,
  repo: RepoRef,
  runId: number,
): Promise<WorkflowJob[]> {
  const jobs = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
    ...repo,
    run_id: runId,
    filter: 'latest',
    per_page: 100,
  });
  return jobs.map((job) => ({
    name: job.name,
    conclusion: job.conclusion,
    htmlUrl: job.html_url,
    steps: (job.steps ?? []).map((s) => ({ name: s.name, conclusion: s.conclusion })),
  }));
}

/** Asks GitHub to cancel a run that is taking too long (it may already have ended: that is fine). */
export async function cancelWorkflowRun(octokit: GitHubClient, repo: RepoRef, runId: number): Promise<void> {
  await octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: runId }).catch((error: unknown) => {
    if (typeof error === 'object' && error !== null && 'status' in error && error.status === 409) return;
    throw error;
  });
}

function toRun(data: {
  id: number;
  html_url: string;
  status: string | null;
  conclusion: string | null;
}): WorkflowRun {
  return {
    id: data.id,
    htmlUrl: data.html_url,
    status: data.status ?? 'queued',
    conclusion: data.conclusion,
  };
}
