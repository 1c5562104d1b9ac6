import { Command } from '@langchain/langgraph';
import { repoRef } from '../github/client.js';
import type { RepoConfigLoader } from '../github/operations/load-repo-config.js';
import type { RunJob, RunJobHandler } from '../queue/index.js';
import { appendEvent, getRun, type Run } from '../storage/index.js';
import { approvalDecision } from './approval-decision.js';
import { cancelledNote, handleFailure } from './handle-failure.js';
import { initialState } from './initial-state.js';
import { moveRun } from './move-run.js';
import { resumeForFeedback } from './resume-for-feedback.js';
import type { RunDeps } from './run-deps.js';
import type { RunGraph } from './run-graph.js';
import type { RunStateType, RunStateUpdate } from './state.js';
import { APPROVAL_NOTE, publishStatus, type StatusSurface } from './status-comment.js';
import { STEP_PERMISSIONS } from './step-permissions.js';

const GRAPH_RECURSION_LIMIT = 80;

type ThreadConfig = { configurable: { thread_id: string }; signal: AbortSignal; recursionLimit: number };

/** Logged once a job has moved its run to a final status (what operators and the crash soak wait for). */
export const RUN_ENDED_LOG = 'run ended';

/**
 * The worker's job handler: one job advances one run's LangGraph thread (thread id = run id) from its last
 * checkpoint — a fresh start, a resume after approval, a retry, or a pick-up after another worker died —
 * and maps how the graph stopped onto the run's status. Every status change it makes is recorded (moveRun).
 */
export function createRunExecutor(
  deps: RunDeps,
  graph: RunGraph,
  configLoader: RepoConfigLoader,
): RunJobHandler {
  return async (job, jobCtx) => {
    const run = await getRun(deps.db.pool, job.runId);
    if (!run) return;
    const config: ThreadConfig = {
      configurable: { thread_id: run.id },
      signal: jobCtx.signal,
      recursionLimit: GRAPH_RECURSION_LIMIT,
    };
    const log = jobCtx.logger.child({ runId: run.id });
    if (run.status === 'cancelled') {
      await showCancelled(deps, graph, config, run);
      return;
    }
    const started = await moveRun(deps, run, 'start', `run started (${job.reason})`);
    if (!started) {
      log.info({ status: run.status }, 'run is not runnable any more; job dropped');
      return;
    }
    await noteUnsafeSandbox(deps, run.id);
    const surface = await surfaceFor(deps, started);
    try {
      const input = await nextInput(deps, graph, config, surface, job, configLoader);
      if (input === 'still_waiting') return;
      log.info({ reason: job.reason, fromCheckpoint: input === null }, 'advancing run');
      await graph.invoke(input, config);
      const after = await graph.getState(config);
      if (after.tasks.some((task) => task.interrupts.length > 0)) {
        await moveRun(
          deps,
          run,
          'wait_for_approval',
          'waiting for `/pipeline approve` or `/pipeline plan <changes>`',
        );
        return;
      }
      await endRun(deps, started, after.values);
      log.info({ status: after.values.outcome?.status ?? 'failed' }, RUN_ENDED_LOG);
    } catch (error) {
      // The worker is stopping (not a user's cancel): hand the job back untouched; the run stays `running`
      // and is resumed from its last checkpoint by the next worker.
      if (jobCtx.signal.aborted && !(await isCancelled(deps, run.id))) throw error;
      const state = await graph
        .getState(config)
        .then((s) => s.values)
        .catch(() => undefined);
      await handleFailure(deps, surface, error, jobCtx.attempt, state);
      log.info({ status: (await getRun(deps.db.pool, run.id))?.status }, RUN_ENDED_LOG);
    }
  };
}

type GraphInput = Command<unknown, RunStateUpdate, never> | RunStateUpdate | null | 'still_waiting';

/**
 * Where the thread goes on from. Waiting at the approval interrupt: resume with the maintainer's decision, or
 * go back to waiting when there is none. Stopped mid-way (crash, failure, cancel): the last checkpoint, so the
 * failed node runs again and nothing before it. Ended with failing tests and asked to retry: one more
 * development round on the same plan and PR. Review feedback on the PR: another development round with it.
 * Otherwise (new thread, or details arrived for a run waiting for
 * input): a fresh start from intake.
 */
async function nextInput(
  deps: RunDeps,
  graph: RunGraph,
  config: ThreadConfig,
  surface: StatusSurface,
  job: RunJob,
  configLoader: RepoConfigLoader,
): Promise<GraphInput> {
  const snapshot = await graph.getState(config);
  if (snapshot.tasks.some((task) => task.interrupts.length > 0)) {
    const decision = await approvalDecision(deps.db.pool, surface.run.id);
    if (decision) return new Command<unknown, RunStateUpdate, never>({ resume: decision });
    await publishStatus(surface, snapshot.values, 'awaiting_approval', APPROVAL_NOTE);
    await moveRun(deps, surface.run, 'wait_for_approval', 'waiting again for a decision on the plan');
    return 'still_waiting';
  }
  if (snapshot.next.length > 0) return null;
  if (job.reason === 'feedback' && (await resumeForFeedback(deps, graph, config, surface.run))) return null;
  if (job.reason === 'retry' && canRetryDevelopment(snapshot.values)) {
    await graph.updateState(config, { outcome: undefined }, 'await_approval');
    return null;
  }
  const configReader = await deps.github(surface.run.installationId, {
    permissions: STEP_PERMISSIONS.config,
  });
  return initialState({ octokit: surface.octokit, configReader }, configLoader, surface.run);
}

/** A run advanced by a worker without a sandbox says so on its timeline, each time a worker takes it up. */
async function noteUnsafeSandbox(deps: RunDeps, runId: string): Promise<void> {
  const { status } = deps.sandbox;
  if (status.state !== 'unsafe') return;
  const event = { runId, type: 'sandbox_disabled' as const, message: status.note };
  await appendEvent(deps.db.pool, event);
  await deps.bus.publish({ ...event, at: new Date().toISOString() });
}

async function isCancelled(deps: RunDeps, runId: string): Promise<boolean> {
  return (await getRun(deps.db.pool, runId))?.status === 'cancelled';
}

function canRetryDevelopment(state: RunStateType): boolean {
  return state.outcome?.status === 'failed' && state.workPlan !== undefined && state.prNumber !== undefined;
}

/** The transition that ends a step of the graph with each outcome. */
const ENDINGS = {
  succeeded: 'succeed',
  failed: 'fail',
  waiting_input: 'wait_for_input',
  cancelled: 'cancel',
} as const;

async function endRun(deps: RunDeps, run: Run, state: RunStateType): Promise<void> {
  const outcome = state.outcome ?? { status: 'failed' as const, message: 'the run ended without an outcome' };
  const ended = await moveRun(deps, run, ENDINGS[outcome.status], outcome.message, {
    error: outcome.status === 'failed' ? outcome.message : undefined,
  });
  if (ended) deps.metrics.runs.inc({ status: outcome.status });
}

/** A run cancelled while no worker held it (waiting, or queued): its status comment says so. */
async function showCancelled(deps: RunDeps, graph: RunGraph, config: ThreadConfig, run: Run): Promise<void> {
  if (!run.statusCommentId) return;
  const { values } = await graph.getState(config);
  if (!values.runId) return;
  await publishStatus(await surfaceFor(deps, run), values, 'cancelled', cancelledNote(run));
}

/** Where the executor writes the run's status comment, with a client that can do only that (and read). */
async function surfaceFor(deps: RunDeps, run: Run): Promise<StatusSurface> {
  return {
    deps,
    run,
    octokit: await deps.github(run.installationId, {
      repoFullName: run.repoFullName,
      permissions: STEP_PERMISSIONS.run,
    }),
    repo: repoRef(run.repoFullName),
  };
}
