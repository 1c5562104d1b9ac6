import { apiUrl, htmlUrl, nodeId, type TwinContext } from '../context.js';
import { progressOf, stepsOf } from '../domain/workflows.js';
import type { RepoRecord, WorkflowRunRecord } from '../state.js';
import { serializeRepo } from './repos.js';
import { serializeUser } from './users.js';

const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A `workflow-run` as GitHub answers it, with the status it has by now. */
export function serializeWorkflowRun(
  ctx: TwinContext,
  repo: RepoRecord,
  run: WorkflowRunRecord,
): Record<string, unknown> {
  const progress = progressOf(run);
  const api = apiUrl(ctx, `/repos/${repo.fullName}/actions/runs/${run.id}`);
  const repository = serializeRepo(ctx, repo);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WFR', run.id),
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId('CS', run.id + 1),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.name,
    run_number: run.runNumber,
    run_attempt: 1,
    event: 'workflow_dispatch',
    status: progress.status,
    conclusion: progress.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: htmlUrl(ctx, `/${repo.fullName}/actions/runs/${run.id}`),
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: iso(progress.completedMs ?? progress.startedMs) ?? run.createdAt,
    actor: serializeUser(ctx, run.actor),
    triggering_actor: serializeUser(ctx, run.actor),
    run_started_at: iso(progress.startedMs) ?? run.createdAt,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: apiUrl(ctx, `/repos/${repo.fullName}/check-suites/${run.id + 1}`),
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: null,
    workflow_url: apiUrl(ctx, `/repos/${repo.fullName}/actions/workflows/${run.workflowId}`),
    head_commit: {
      id: run.headSha,
      tree_id: run.headCommit.treeSha,
      message: run.headCommit.message,
      timestamp: run.headCommit.timestamp,
      author: { name: run.headCommit.author, email: run.headCommit.email },
      committer: { name: run.headCommit.author, email: run.headCommit.email },
    },
    repository,
    head_repository: repository,
  };
}

/** The run's one `job`, with its steps as far as the run has come. */
export function serializeWorkflowJob(
  ctx: TwinContext,
  repo: RepoRecord,
  run: WorkflowRunRecord,
): Record<string, unknown> {
  const progress = progressOf(run);
  const runApi = apiUrl(ctx, `/repos/${repo.fullName}/actions/runs/${run.id}`);
  const steps = stepsOf(run, progress).map((step, i) => ({
    name: step.name,
    status: step.status,
    conclusion: step.conclusion,
    number: i + 1,
    started_at: iso(progress.startedMs),
    completed_at: iso(progress.completedMs),
  }));
  return {
    id: run.job.id,
    run_id: run.id,
    run_url: runApi,
    run_attempt: 1,
    node_id: nodeId('CR', run.job.id),
    head_sha: run.headSha,
    url: apiUrl(ctx, `/repos/${repo.fullName}/actions/jobs/${run.job.id}`),
    html_url: htmlUrl(ctx, `/${repo.fullName}/actions/runs/${run.id}/job/${run.job.id}`),
    status: progress.status,
    conclusion: progress.conclusion,
    created_at: run.createdAt,
    started_at: iso(progress.startedMs) ?? run.createdAt,
    completed_at: iso(progress.completedMs),
    name: run.job.name,
    steps,
    check_run_url: apiUrl(ctx, `/repos/${repo.fullName}/check-runs/${run.job.id}`),
    labels: ['ubuntu-latest'],
    runner_id: progress.startedMs === null ? null : 1,
    runner_name: progress.startedMs === null ? null : 'GitHub Actions 1',
    runner_group_id: progress.startedMs === null ? null : 1,
    runner_group_name: progress.startedMs === null ? null : 'GitHub Actions',
    workflow_name: run.name,
    head_branch: run.headBranch,
  };
}
