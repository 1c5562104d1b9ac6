import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { GitHubClient, RepoRef } from '../github/client.js';
import { repoRef } from '../github/client.js';
import type { Logger } from '../monitoring/logger.js';
import type { Metrics } from '../monitoring/metrics.js';
import { inSpan } from '../monitoring/tracing.js';
import {
  addRunUsage,
  appendEvent,
  failInterruptedSteps,
  finishStep,
  getRun,
  parseRunEventBody,
  startStep,
  toPublished,
  updateRun,
  type Run,
  type RunEventDataInput,
  type RunEventType,
  type TokenUsage,
  type UsageSource,
} from '../storage/index.js';
import { RunCancelledError } from './errors.js';
import { STEP_PERMISSIONS } from './step-permissions.js';
import type { RunDeps } from './run-deps.js';
import type { RunStateType, RunStateUpdate } from './state.js';
import { watchCancellation } from './watch-cancellation.js';

/** What a node body gets: the run, its GitHub client, a logger, and ways to record what it does. */
export type NodeContext = {
  deps: RunDeps;
  run: Run;
  repo: RepoRef;
  octokit: GitHubClient;
  log: Logger;
  /** Aborted when a user cancels the run (seen within CANCEL_POLL_MS) or the worker stops. */
  signal: AbortSignal;
  /** An event on the run's timeline (database + live bus); `data` is checked against the type's schema. */
  emit<T extends RunEventType>(type: T, message: string, ...data: EmitData<T>): Promise<void>;
  /** Adds a model call's usage and cost to the run (in total and per agent and model), the step and the metrics. */
  recordUsage(usage: TokenUsage, costUsd: number, source: UsageSource): Promise<void>;
  /** Dollars spent by the run so far, this step included. */
  spentUsd(): number;
  /** Throws RunCancelledError when a user cancelled the run meanwhile. */
  checkCancelled(): Promise<void>;
};

/** An event's data argument: left out only for the types that carry no data. */
export type EmitData<T extends RunEventType> =
  undefined extends RunEventDataInput<T> ? [data?: RunEventDataInput<T>] : [data: RunEventDataInput<T>];

/** The graphs' nodes that do work (and so have a step row and a GitHub client of their own). */
export type GraphStep =
  | 'intake'
  | 'plan'
  | 'develop'
  | 'test'
  | 'finalize'
  | 'deploy'
  | 'verify'
  | 'diagnose'
  | 'rollback'
  | 'report';

/** What every graph's state holds for a node: the run, and the installation its client is for. */
type NodeState = { runId: string; installationId: number };

export type NodeBody<S extends NodeState = RunStateType, U = RunStateUpdate> = (
  state: S,
  ctx: NodeContext,
) => Promise<U>;

/**
 * Wraps a node body as a graph node: a step row with its tokens and cost, started/finished events, the run's
 * current node, a cancellation check at the boundary and a watch on the run while the body works (a cancel
 * aborts `ctx.signal`, and whatever the body throws then is reported as the cancellation it is).
 * The node's GitHub client can do only what the step does (STEP_PERMISSIONS) on the run's repository.
 * The body's own state update is returned unchanged.
 */
export function defineNode<S extends NodeState = RunStateType, U = RunStateUpdate>(
  name: GraphStep,
  body: NodeBody<S, U>,
) {
  return (deps: RunDeps) => {
    const runNode = nodeRunner(name, body, deps);
    return (state: S, config?: LangGraphRunnableConfig): Promise<U> =>
      inSpan(
        deps.tracer,
        `pipeline.node ${name}`,
        { attributes: { 'pipeline.node': name, 'pipeline.run.id': state.runId } },
        () => runNode(state, config),
      );
  };
}

function nodeRunner<S extends NodeState, U>(name: GraphStep, body: NodeBody<S, U>, deps: RunDeps) {
  return async (state: S, config?: LangGraphRunnableConfig): Promise<U> => {
    const db = deps.db.pool;
    const run = await getRun(db, state.runId);
    if (!run) throw new Error(`run ${state.runId} does not exist`);
    if (run.status === 'cancelled') throw new RunCancelledError(run.id);
    await updateRun(db, run.id, { currentNode: name });
    await failInterruptedSteps(db, run.id);
    const step = await startStep(db, { runId: run.id, node: name, attempt: run.attempt });
    const log = deps.logger.child({ runId: run.id, node: name });
    let tokens = 0;
    let stepCost = 0;
    let spent = run.costUsd;
    const emit = async <T extends RunEventType>(type: T, message: string, ...[data]: EmitData<T>) => {
      const body = parseRunEventBody(type, data);
      const stored = await appendEvent(db, { runId: run.id, stepId: step.id, message, ...body });
      await deps.bus.publish(toPublished(stored));
    };
    const watch = watchCancellation(db, run.id, { parent: config?.signal, logger: log });
    const ctx: NodeContext = {
      deps,
      run,
      repo: repoRef(run.repoFullName),
      octokit: await deps.github(state.installationId, {
        repoFullName: run.repoFullName,
        permissions: STEP_PERMISSIONS[name],
      }),
      log,
      signal: watch.signal,
      emit,
      async recordUsage(usage, costUsd, source) {
        tokens += usage.inputTokens + usage.outputTokens;
        stepCost += costUsd;
        spent += costUsd;
        await addRunUsage(db, run.id, usage, costUsd, source);
        countUsage(deps.metrics, usage, costUsd, source);
      },
      spentUsd: () => spent,
      async checkCancelled() {
        const current = await getRun(db, run.id);
        if (current?.status === 'cancelled') throw new RunCancelledError(run.id);
      },
    };
    const stopTimer = deps.metrics.nodeSeconds.startTimer({ node: name });
    await emit('node_started', `${name} started`, { node: name });
    try {
      const update = await body(state, ctx);
      await finishStep(db, step.id, { status: 'succeeded', tokens, costUsd: stepCost });
      await emit('node_finished', `${name} finished`, { node: name });
      return update;
    } catch (caught) {
      const error =
        watch.cancelled && !(caught instanceof RunCancelledError) ? new RunCancelledError(run.id) : caught;
      const cancelled = error instanceof RunCancelledError;
      const message = error instanceof Error ? error.message : String(error);
      // Best effort: when the database itself failed, recording this would fail too and hide why.
      await finishStep(db, step.id, {
        status: cancelled ? 'cancelled' : 'failed',
        tokens,
        costUsd: stepCost,
        detail: { error: message },
      })
        .then(() => emit(cancelled ? 'node_cancelled' : 'node_failed', `${name}: ${message}`, { node: name }))
        .catch((recordError: unknown) =>
          log.warn({ err: recordError }, 'could not record how the step ended'),
        );
      throw error;
    } finally {
      watch.stop();
      stopTimer();
    }
  };
}

/** A model call on the metrics: tokens by kind, and cost, under its model and agent. */
function countUsage(
  metrics: Metrics,
  usage: TokenUsage,
  costUsd: number,
  { agent, model }: UsageSource,
): void {
  metrics.tokens.inc({ model, agent, kind: 'input' }, usage.inputTokens);
  metrics.tokens.inc({ model, agent, kind: 'output' }, usage.outputTokens);
  metrics.tokens.inc({ model, agent, kind: 'cache_read' }, usage.cacheReadTokens);
  metrics.tokens.inc({ model, agent, kind: 'cache_write' }, usage.cacheWriteTokens);
  metrics.costUsd.inc({ model, agent }, costUsd);
}
