import { setTimeout as sleep } from 'node:timers/promises';
import { editComment } from '../../github/operations/comments.js';
import {
  cancelWorkflowRun,
  dispatchWorkflow,
  findDispatchedRun,
  getWorkflowRun,
  listWorkflowJobs,
  type WorkflowId,
  type WorkflowJob,
  type WorkflowRun,
} from '../../github/operations/workflow-runs.js';
import { gitHubUnavailableStatus } from '../../github/operations/github-errors.js';
import {
  clearWorkflowDispatched,
  followedWorkflowRuns,
  getDeployment,
  markWorkflowDispatched,
  setDeploymentWorkflowRun,
  type DeploymentRole,
} from '../../storage/index.js';
import { RunFailedError } from '../errors.js';
import type { NodeContext } from '../node-context.js';
import { deployComment } from './deploy-comment.js';
import type { DeployStateType } from './deploy-state.js';
import { markDeployment } from './mark-deployment.js';

/** Polls of a run (and of the runs list, for one GitHub did not name) start at this interval and grow… */
const POLL_FIRST_MS = 1_000;
/** …by half each time, up to this. */
const POLL_MAX_MS = 15_000;
/** How long a dispatched run may take to appear in the workflow's runs before the dispatch is called lost. */
const APPEAR_WITHIN_MS = 120_000;
/** GitHub's clock and the database's may differ a little; a run created this much before the dispatch counts. */
const CLOCK_SKEW_MS = 10_000;

export type DeployWorkflowResult = { succeeded: boolean; summary: string; output: string; runUrl: string };

/**
 * Deploys `sha` by dispatching the repository's deploy workflow (inputs `ref`, `environment`,
 * `pipeline_run_id`) and following its run to the end, within `deploy.timeout_seconds` of the dispatch.
 * Exactly once across crashes: the dispatch time is recorded before GitHub is asked and the run's id before it
 * is followed, so a resumed run follows the same workflow run (or looks for the one its dispatch started)
 * and never dispatches again. The deployment goes `in_progress` with the run's URL once the run is known.
 */
export async function runDeployWorkflow(
  ctx: NodeContext,
  state: DeployStateType,
  input: {
    role: DeploymentRole;
    deploymentId: number;
    sha: string;
    workflow: WorkflowId;
    ref: string | undefined;
    /** What the deployment's status and the comment say is happening, e.g. `Deploying 1a2b3c4`. */
    doing: string;
  },
): Promise<DeployWorkflowResult> {
  const db = ctx.deps.db.pool;
  const record = await getDeployment(db, state.runId, input.role);
  if (!record) throw new Error(`the ${input.role} deployment of run ${state.runId} is not recorded`);
  let since = record.workflowDispatchedAt;
  let run: WorkflowRun;
  if (record.workflowRunId !== null) {
    run = await getWorkflowRun(ctx.octokit, ctx.repo, record.workflowRunId);
  } else {
    // The branch the dispatch runs on (and its runs are listed by); a run already known needs none.
    const ref = input.ref ?? (await ctx.octokit.rest.repos.get(ctx.repo)).data.default_branch;
    const dispatchedNow = since ? null : await markWorkflowDispatched(db, state.runId, input.role);
    if (dispatchedNow) {
      since = dispatchedNow;
      const answer = await dispatchWorkflow(ctx.octokit, ctx.repo, {
        workflow: input.workflow,
        ref,
        inputs: { ref: input.sha, environment: state.environment, pipeline_run_id: state.runId },
      }).catch(async (error: unknown) => {
        const refused = refusal(error, input.workflow, ref);
        if (!refused) throw error;
        // GitHub refused it: nothing was dispatched, so a later attempt may dispatch.
        await clearWorkflowDispatched(db, state.runId, input.role);
        throw new RunFailedError(refused, { cause: error });
      });
      run = answer
        ? await getWorkflowRun(ctx.octokit, ctx.repo, answer.runId)
        : await awaitDispatchedRun(ctx, state, { workflow: input.workflow, ref, since });
    } else {
      // An earlier attempt of this run dispatched (or was about to): find its run, never dispatch a second.
      since = (await getDeployment(db, state.runId, input.role))?.workflowDispatchedAt ?? new Date();
      run = await awaitDispatchedRun(ctx, state, { workflow: input.workflow, ref, since });
    }
    await setDeploymentWorkflowRun(db, state.runId, input.role, run.id);
  }
  await emitWorkflowRun(ctx, input, run, run.status);
  if (record.state !== 'in_progress') {
    await markDeployment(ctx, state.logUrl, {
      role: input.role,
      deploymentId: input.deploymentId,
      state: 'in_progress',
      description: `${input.doing}: workflow run ${run.htmlUrl}`,
    });
  }
  await editComment(
    ctx.octokit,
    ctx.repo,
    state.commentId,
    deployComment(state, `🚀 ${input.doing}: following [workflow run ${run.id}](${run.htmlUrl}).`),
  );
  const deadline = (since ?? new Date()).getTime() + state.deployConfig.timeout_seconds * 1000;
  const ended = await followRun(ctx, run, deadline);
  await emitWorkflowRun(ctx, input, ended, ended.conclusion ?? ended.status);
  if (ended.status !== 'completed') {
    await cancelWorkflowRun(ctx.octokit, ctx.repo, ended.id);
    return {
      succeeded: false,
      summary: `The workflow run did not finish within ${state.deployConfig.timeout_seconds} s and was cancelled.`,
      output: `Workflow run ${ended.htmlUrl} was still ${ended.status} at the deadline.`,
      runUrl: ended.htmlUrl,
    };
  }
  if (ended.conclusion === 'success') {
    return { succeeded: true, summary: 'The workflow run succeeded.', output: '', runUrl: ended.htmlUrl };
  }
  const jobs = await listWorkflowJobs(ctx.octokit, ctx.repo, ended.id);
  return {
    succeeded: false,
    summary: failureSummary(ended, jobs),
    output: describeJobs(ended, jobs),
    runUrl: ended.htmlUrl,
  };
}

/** The followed workflow run on the deploy's timeline: as found, and as it ended. */
function emitWorkflowRun(
  ctx: NodeContext,
  input: { role: DeploymentRole; workflow: WorkflowId },
  run: WorkflowRun,
  shown: string,
): Promise<unknown> {
  return ctx.emit('workflow_run', `${input.role} workflow run ${run.id}: ${shown}`, {
    role: input.role,
    workflow: input.workflow,
    workflowRunId: run.id,
    url: run.htmlUrl,
    status: run.status,
    conclusion: run.conclusion,
  });
}

/** The run once it has completed, or as it was at the deadline. */
async function followRun(ctx: NodeContext, start: WorkflowRun, deadline: number): Promise<WorkflowRun> {
  let run = start;
  let delay = POLL_FIRST_MS;
  while (run.status !== 'completed') {
    const left = deadline - Date.now();
    if (left <= 0) return run;
    await sleep(Math.min(delay, left), undefined, { signal: ctx.signal });
    delay = Math.min(delay * 1.5, POLL_MAX_MS);
    run = await getWorkflowRun(ctx.octokit, ctx.repo, run.id);
  }
  return run;
}

/** The run a dispatch started when GitHub did not say which: the app's earliest dispatch of it since then. */
async function awaitDispatchedRun(
  ctx: NodeContext,
  state: DeployStateType,
  input: { workflow: WorkflowId; ref: string; since: Date },
): Promise<WorkflowRun> {
  const actor = (await ctx.deps.botIdentity()).name;
  const giveUpAt = input.since.getTime() + APPEAR_WITHIN_MS;
  let delay = POLL_FIRST_MS;
  for (;;) {
    const found = await findDispatchedRun(ctx.octokit, ctx.repo, {
      workflow: input.workflow,
      branch: input.ref,
      actor,
      since: new Date(input.since.getTime() - CLOCK_SKEW_MS),
      taken: await followedWorkflowRuns(ctx.deps.db.pool, state.repoFullName),
    });
    if (found) return found;
    const left = giveUpAt - Date.now();
    if (left <= 0) {
      throw new Error(
        `GitHub shows no run of the workflow ${input.workflow} dispatched on ${input.ref} since ` +
          `${input.since.toISOString()}; it was not dispatched again, so that a deploy never runs twice`,
      );
    }
    await sleep(Math.min(delay, left), undefined, { signal: ctx.signal });
    delay = Math.min(delay * 1.5, POLL_MAX_MS);
  }
}

/**
 * What to tell people when GitHub refused a dispatch (a 4xx that is not a rate limit): the workflow or ref does
 * not exist, or the workflow cannot be dispatched. Undefined for anything else (GitHub down, the network).
 */
function refusal(error: unknown, workflow: WorkflowId, ref: string): string | undefined {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (typeof status !== 'number' || status < 400 || status >= 500 || gitHubUnavailableStatus(error)) {
    return undefined;
  }
  if (status === 404) {
    return `GitHub has no workflow \`${workflow}\` in \`.github/workflows/\` on \`${ref}\` (404): check \`deploy.workflow\` and \`deploy.workflow_ref\`.`;
  }
  return `GitHub refused to dispatch the workflow \`${workflow}\` on \`${ref}\` (${status}): it needs a \`workflow_dispatch\` trigger, and \`${ref}\` must be a branch or tag.`;
}

function failureSummary(run: WorkflowRun, jobs: WorkflowJob[]): string {
  const failed = jobs.flatMap((job) =>
    job.steps
      .filter((s) => s.conclusion === 'failure' || s.conclusion === 'timed_out')
      .map((s) => `job \`${job.name}\`, step \`${s.name}\``),
  );
  const where = failed.length > 0 ? `: ${failed.join('; ')} failed` : '';
  return `The workflow run ended \`${run.conclusion ?? 'unknown'}\`${where}.`;
}

/** Every job and step of the run with its conclusion: what the deployment agent reads. */
function describeJobs(run: WorkflowRun, jobs: WorkflowJob[]): string {
  const lines = [`Workflow run ${run.htmlUrl} ended ${run.conclusion ?? 'unknown'}.`];
  for (const job of jobs) {
    lines.push(`Job ${job.name}: ${job.conclusion ?? 'unfinished'}${job.htmlUrl ? ` (${job.htmlUrl})` : ''}`);
    for (const [i, step] of job.steps.entries()) {
      lines.push(`  step ${i + 1} ${step.name}: ${step.conclusion ?? 'not run'}`);
    }
  }
  return lines.join('\n');
}
