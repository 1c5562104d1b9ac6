import { Command } from '@langchain/langgraph';
import { repoRef } from '../github/client.js';
import type { RepoConfigLoader } from '../github/operations/load-repo-config.js';
import { BudgetExceededError, ModelUnavailableError } from '../integrations/anthropic/index.js';
import { TransientJobError, type RunJobHandler } from '../queue/index.js';
import { getRun, listEvents, transitionRun, type Run } from '../storage/index.js';
import { RunCancelledError, RunFailedError } from './errors.js';
import { initialState } from './initial-state.js';
import type { ApprovalDecision } from './nodes/await-approval/index.js';
import type { RunDeps } from './run-deps.js';
import type { RunGraph } from './run-graph.js';
import type { RunStateType, RunStateUpdate } from './state.js';
import { publishStatus } from './status-comment.js';

const GRAPH_RECURSION_LIMIT = 80;

/**
 * The worker's job handler: one job advances one run's LangGraph thread (thread id = run id) from its last
 * checkpoint — a fresh start, a resume after approval, a retry, or a pick-up after another worker died —
 * and maps how the graph stopped onto the run's status.
 */
export function createRunExecutor(deps: RunDeps, graph: RunGraph, configLoader: RepoConfigLoader): RunJobHandler {
  return async (job, jobCtx) => {
    const db = deps.db.pool;
    const run = await getRun(db, job.runId);
    if (!run) return;
    const started = await transitionRun(db, run.id, { from: ['queued', 'running'], to: 'running' });
    if (!started) {
      jobCtx.logger.info({ runId: run.id, status: run.status }, 'run is not runnable any more; job dropped');
      return;
    }
    const log = jobCtx.logger.child({ runId: run.id });
    const config = { configurable: { thread_id: run.id }, signal: jobCtx.signal, recursionLimit: GRAPH_RECURSION_LIMIT };
    const octokit = await deps.github(run.installationId);
    const surface = { deps, run: started, octokit, repo: repoRef(run.repoFullName) };
    try {
      const snapshot = await graph.getState(config);
      const waiting = snapshot.tasks.some((task) => task.interrupts.length > 0);
      // Waiting at an interrupt: resume with the decision. Stopped mid-way (crash, failure, cancel): go on
      // from the last checkpoint. New or finished thread (a run waiting for input got it): start from intake.
      const input = waiting
        ? new Command<unknown, RunStateUpdate, never>({ resume: await approvalDecision(deps, run) })
        : snapshot.next.length > 0
          ? null
          : await initialState(octokit, configLoader, started);
      log.info({ reason: job.reason, fromCheckpoint: input === null, waiting }, 'advancing run');
      await graph.invoke(input, config);
      const after = await graph.getState(config);
      if (after.tasks.some((task) => task.interrupts.length > 0)) {
        await transitionRun(db, run.id, { from: ['running'], to: 'waiting_approval' });
        return;
      }
      await endRun(deps, started, after.values);
    } catch (error) {
      await handleFailure(deps, surface, error, jobCtx.attempt, await graph.getState(config).then((s) => s.values).catch(() => undefined));
    }
  };
}

async function endRun(deps: RunDeps, run: Run, state: RunStateType): Promise<void> {
  const outcome = state.outcome ?? { status: 'failed' as const, message: 'the run ended without an outcome' };
  const ended = await transitionRun(deps.db.pool, run.id, {
    from: ['running'],
    to: outcome.status,
    error: outcome.status === 'failed' ? outcome.message : undefined,
  });
  if (ended) deps.metrics.runs.inc({ status: outcome.status });
}

async function handleFailure(
  deps: RunDeps,
  surface: Parameters<typeof publishStatus>[0],
  error: unknown,
  attempt: number,
  state: RunStateType | undefined,
): Promise<void> {
  const { run } = surface;
  const log = deps.logger.child({ runId: run.id });
  if (error instanceof RunCancelledError) {
    log.info('run cancelled at a step boundary');
    if (state) await publishStatus(surface, state, 'cancelled', 'The run was cancelled. The branch and PR are left as they are.');
    deps.metrics.runs.inc({ status: 'cancelled' });
    return;
  }
  if (isTransient(error) && attempt < 3) {
    log.warn({ err: error, attempt }, 'transient failure; the job will be retried from the last checkpoint');
    throw new TransientJobError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const message = userMessageFor(error);
  log.error({ err: error }, 'run failed');
  // The comment first: once the run reads `failed`, what the user sees already says why.
  if (state?.runId) {
    await publishStatus(surface, state, 'failed', `${message}\n\nComment \`/pipeline retry\` to resume from the last good step.`).catch(
      (publishError: unknown) => log.error({ err: publishError }, 'could not update the status comment'),
    );
  }
  const failed = await transitionRun(deps.db.pool, run.id, { from: ['running'], to: 'failed', error: message });
  if (failed) deps.metrics.runs.inc({ status: 'failed' });
}

function userMessageFor(error: unknown): string {
  if (error instanceof RunFailedError) return error.message;
  if (error instanceof BudgetExceededError) return `The run stopped because it reached its budget: ${error.message}`;
  if (error instanceof ModelUnavailableError) return `Claude was unavailable after several retries (${error.message}).`;
  return `The run failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
}

/** Failures worth another try of the whole job: the model or GitHub being down for a while. */
function isTransient(error: unknown): boolean {
  if (error instanceof ModelUnavailableError) return true;
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    return error.status >= 500 || error.status === 429;
  }
  return false;
}

/** The latest approval or revision a maintainer recorded for a waiting run. */
async function approvalDecision(deps: RunDeps, run: Run): Promise<ApprovalDecision> {
  const events = await listEvents(deps.db.pool, run.id);
  for (const event of [...events].reverse()) {
    if (event.type === 'approved') return { decision: 'approve' };
    if (event.type === 'plan_revision_requested') {
      const feedback = typeof event.data === 'object' && event.data !== null && 'feedback' in event.data ? String(event.data.feedback) : '';
      if (feedback) return { decision: 'revise', feedback };
    }
  }
  return { decision: 'approve' };
}
