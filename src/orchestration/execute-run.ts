import { repoRef } from '../github/client.js';
import type { RepoConfigLoader } from '../github/operations/load-repo-config.js';
import type { RunJobHandler } from '../queue/index.js';
import { appendEvent, getRun, toPublished, type NewRunEvent, type Run } from '../storage/index.js';
import { cancelledNote, handleFailure } from './handle-failure.js';
import { initialState } from './initial-state.js';
import { moveRun } from './move-run.js';
import { readThreadFacts } from './read-thread-facts.js';
import { continueAfterRound, decideResumption, type Resumption } from './resumption.js';
import type { RunDeps } from './run-deps.js';
import { RunGraphEntry, type RunGraph } from './run-graph.js';
import type { RunStateType } from './state.js';
import { APPROVAL_NOTE, publishStatus, type StatusSurface } from './status-comment.js';
import { STEP_PERMISSIONS } from './step-permissions.js';

const GRAPH_RECURSION_LIMIT = 80;

type ThreadConfig = { configurable: { thread_id: string }; signal: AbortSignal; recursionLimit: number };

/** Logged once a job has moved its run to a final status (what operators and the crash soak wait for). */
export const RUN_ENDED_LOG = 'run ended';

/**
 * The worker's job handler: one job advances one run's LangGraph thread (thread id = run id) as
 * `decideResumption` says — a fresh start, a resume after approval, another development round, or a pick-up
 * after another worker died — and maps how the graph stopped onto the run's status. Every status change it
 * makes is recorded (moveRun). Review feedback that arrived during a round gets the next round at once.
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
    if (run.status === 'queued') {
      // From being queued (the status's own timestamp, set by the same database) to a worker starting it.
      deps.metrics.queueWaitSeconds.observe(
        (started.statusChangedAt.getTime() - run.statusChangedAt.getTime()) / 1000,
      );
    }
    await noteUnsafeSandbox(deps, run.id);
    const surface = await surfaceFor(deps, started);
    try {
      const facts = await readThreadFacts(deps.db.pool, graph, config, job);
      let resumption = decideResumption(facts);
      for (;;) {
        log.info({ reason: job.reason, resumption: resumption.kind }, 'advancing run');
        if (resumption.kind === 'keep_waiting') {
          await publishStatus(surface, facts.values, 'awaiting_approval', APPROVAL_NOTE);
          await moveRun(deps, started, 'wait_for_approval', 'waiting again for a decision on the plan');
          return;
        }
        if (resumption.kind !== 'end_as_before') {
          await graph.invoke(await graphInput(deps, surface, configLoader, resumption), config);
        }
        // One read of the thread after the round: whether it waits, what it ended with, and what arrived.
        const after = await readThreadFacts(deps.db.pool, graph, config, job);
        if (after.waitingForApproval) {
          await moveRun(
            deps,
            started,
            'wait_for_approval',
            'waiting for `/pipeline approve` or `/pipeline plan <changes>`',
          );
          return;
        }
        const next = resumption.kind === 'end_as_before' ? undefined : continueAfterRound(after);
        if (!next) {
          await endRun(deps, started, after.values);
          log.info({ status: after.values.outcome?.status ?? 'failed' }, RUN_ENDED_LOG);
          return;
        }
        resumption = next;
      }
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

/** The graph input that carries out a resumption (see `decideResumption` for when each applies). */
async function graphInput(
  deps: RunDeps,
  surface: StatusSurface,
  configLoader: RepoConfigLoader,
  resumption: Exclude<Resumption, { kind: 'keep_waiting' | 'end_as_before' }>,
) {
  switch (resumption.kind) {
    case 'from_checkpoint':
      return RunGraphEntry.fromCheckpoint();
    case 'approval_decision':
      return RunGraphEntry.approvalDecision(resumption.decision);
    case 'develop_again':
      if (resumption.because === 'retry') return RunGraphEntry.developAgain({ outcome: undefined });
      await recordEvent(deps, {
        runId: surface.run.id,
        type: 'review_feedback_taken',
        message: `${resumption.feedback.length} review item(s) handed to development`,
        data: { upTo: resumption.upTo },
      });
      // A fresh test budget, as for a new piece of work on the same PR.
      return RunGraphEntry.developAgain({
        reviewFeedback: resumption.feedback,
        reviewFeedbackUpTo: resumption.upTo,
        lastTest: undefined,
        testRounds: 0,
        outcome: undefined,
      });
    case 'fresh_start': {
      const configReader = await deps.github(surface.run.installationId, {
        permissions: STEP_PERMISSIONS.config,
      });
      return RunGraphEntry.fresh(
        await initialState({ octokit: surface.octokit, configReader }, configLoader, surface.run),
      );
    }
  }
}

/** A run advanced by a worker without a sandbox says so on its timeline, each time a worker takes it up. */
async function noteUnsafeSandbox(deps: RunDeps, runId: string): Promise<void> {
  const { status } = deps.sandbox;
  if (status.state !== 'unsafe') return;
  await recordEvent(deps, { runId, type: 'sandbox_disabled', message: status.note });
}

/** An event of the executor's own on the run's timeline, and live on the bus. */
async function recordEvent(deps: RunDeps, event: NewRunEvent): Promise<void> {
  await deps.bus.publish(toPublished(await appendEvent(deps.db.pool, event)));
}

async function isCancelled(deps: RunDeps, runId: string): Promise<boolean> {
  return (await getRun(deps.db.pool, runId))?.status === 'cancelled';
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
