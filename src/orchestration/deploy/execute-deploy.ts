import { repoRef, type GitHubClient, type RepoRef } from '../../github/client.js';
import { editComment } from '../../github/operations/comments.js';
import { setDeploymentStatus } from '../../github/operations/deployments.js';
import { defaultJobKey, type RunJob, type RunJobContext, type RunQueue } from '../../queue/index.js';
import {
  appendEvent,
  deployLockHolder,
  getDeployment,
  getRun,
  latestEventOf,
  listQueuedDeploys,
  setDeploymentState,
  takeDeployLock,
  toPublished,
  type DeployRequest,
  type Run,
} from '../../storage/index.js';
import { describeFailure } from '../describe-failure.js';
import { RunCancelledError } from '../errors.js';
import { RUN_ENDED_LOG } from '../execute-run.js';
import { moveRun } from '../move-run.js';
import type { RunDeps } from '../run-deps.js';
import { STEP_PERMISSIONS } from '../step-permissions.js';
import { deployComment, deployView } from './deploy-comment.js';
import type { DeployGraph } from './deploy-graph.js';
import type { DeployStateType } from './deploy-state.js';
import { initialDeployState, prepareDeploy, type PreparedDeploy } from './prepare-deploy.js';
import { supersedeQueued } from './supersede-queued.js';

const GRAPH_RECURSION_LIMIT = 30;

type DeployExecutorDeps = RunDeps & { queue: RunQueue };

/**
 * A deploy run's job: its comment and deployment (`queued`) first; then it supersedes the environment's older
 * queued deploys and takes the environment's lock, or ends and waits (queued) to be woken when the holder ends;
 * then it starts and advances its graph (thread id = run id, resumed from the last checkpoint after a crash) and
 * ends the run as the graph's outcome says. Every job of a deploy run has the same queue key (see `wakeNext`),
 * so two never run at once.
 */
export function createDeployExecutor(deps: DeployExecutorDeps, graph: DeployGraph) {
  return async (job: RunJob, jobCtx: RunJobContext, request: DeployRequest): Promise<void> => {
    const run = await getRun(deps.db.pool, job.runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
    const log = jobCtx.logger.child({ runId: run.id, environment: request.environment });
    log.info({ reason: job.reason }, 'advancing run');
    const repo = repoRef(run.repoFullName);
    const octokit = await deps.github(run.installationId, {
      repoFullName: run.repoFullName,
      permissions: STEP_PERMISSIONS.deploy_run,
    });
    const prepared = await prepareDeploy(deps, octokit, repo, run, request);
    if (run.status === 'queued') {
      await supersedeQueued(deps, octokit, repo, request, prepared.logUrl);
      const where = { repoFullName: run.repoFullName, environment: request.environment, runId: run.id };
      if (!(await takeDeployLock(deps.db.pool, where))) {
        await sayWaiting(deps, run, request);
        return;
      }
    }
    const started = await moveRun(deps, run, 'start', `deploy started (${job.reason})`);
    if (!started) {
      log.info({ status: run.status }, 'deploy run is not runnable any more; job dropped');
      return;
    }
    const config = {
      configurable: { thread_id: run.id },
      signal: jobCtx.signal,
      recursionLimit: GRAPH_RECURSION_LIMIT,
    };
    try {
      const before = await graph.getState(config);
      if (!before.values.runId) {
        const { data: repository } = await octokit.rest.repos.get(repo);
        await graph.invoke(initialDeployState(run, request, prepared, repository.clone_url), config);
      } else if (before.next.length > 0) {
        await graph.invoke(null, config);
      }
      const after = (await graph.getState(config)).values;
      const outcome = after.outcome ?? {
        status: 'failed' as const,
        message: 'the deploy ended without an outcome',
      };
      const ended = await moveRun(
        deps,
        started,
        outcome.status === 'succeeded' ? 'succeed' : 'fail',
        outcome.message,
        {
          error: outcome.status === 'succeeded' ? undefined : outcome.message,
        },
      );
      if (ended) deps.metrics.runs.inc({ status: outcome.status });
      log.info({ status: outcome.status }, RUN_ENDED_LOG);
    } catch (error) {
      if (jobCtx.signal.aborted && (await getRun(deps.db.pool, run.id))?.status !== 'cancelled') throw error;
      const state = await graph
        .getState(config)
        .then((s) => s.values)
        .catch(() => undefined);
      await endInError(deps, { octokit, repo, run: started, request, prepared, state }, error);
      log.info({ status: (await getRun(deps.db.pool, run.id))?.status }, RUN_ENDED_LOG);
    }
    await wakeNext(deps, request);
  };
}

/** Waiting for the environment's lock, said once on the timeline. */
async function sayWaiting(deps: DeployExecutorDeps, run: Run, request: DeployRequest): Promise<void> {
  const said = await latestEventOf(deps.db.pool, run.id, ['deploy_waiting_for_lock']);
  if (!said) {
    const heldBy = await deployLockHolder(deps.db.pool, run.repoFullName, request.environment);
    await deps.bus.publish(
      toPublished(
        await appendEvent(deps.db.pool, {
          runId: run.id,
          type: 'deploy_waiting_for_lock',
          message: `waiting for the deploy in progress on ${request.environment}`,
          data: { environment: request.environment, heldBy },
        }),
      ),
    );
  }
}

/**
 * The environment's newest queued deploy gets its turn now (it supersedes the older ones when it runs). The job
 * has the run's `start` key, so it never runs beside another job of the run; as a `resume` it runs once more
 * when that run's job is still active (it may have seen the lock held an instant ago). A holder that never ends
 * (abandoned by the queue) leaves the waiters to the workers' reconciliation of queued runs.
 */
async function wakeNext(deps: DeployExecutorDeps, request: DeployRequest): Promise<void> {
  const queued = await listQueuedDeploys(deps.db.pool, {
    repoFullName: request.repoFullName,
    environment: request.environment,
  });
  const next = queued.at(-1);
  if (next) {
    await deps.queue.enqueue(
      { runId: next.runId, reason: 'resume' },
      { jobId: defaultJobKey({ runId: next.runId, reason: 'start' }) },
    );
  }
}

/**
 * A deploy run that threw (GitHub, the sandbox, the agent, a cancel): its deployment is marked `error` — the
 * deploy did not fail, the pipeline did — its comment says why, and the run fails (or stays cancelled).
 */
async function endInError(
  deps: DeployExecutorDeps,
  at: {
    octokit: GitHubClient;
    repo: RepoRef;
    run: Run;
    request: DeployRequest;
    prepared: PreparedDeploy;
    state: DeployStateType | undefined;
  },
  error: unknown,
): Promise<void> {
  const { octokit, repo, run, request, prepared } = at;
  const cancelled = error instanceof RunCancelledError;
  const step = (await getRun(deps.db.pool, run.id))?.currentNode ?? null;
  const { message, detail } = describeFailure(error, step);
  deps.logger.child({ runId: run.id }).error({ err: error }, 'deploy run failed');
  const text = cancelled ? 'The deploy was cancelled.' : message;
  for (const role of ['deploy', 'rollback'] as const) {
    const deployment = await getDeployment(deps.db.pool, run.id, role);
    if (!deployment?.githubId || ['success', 'failure', 'error', 'inactive'].includes(deployment.state))
      continue;
    await setDeploymentStatus(octokit, repo, deployment.githubId, {
      state: 'error',
      description: text,
      logUrl: prepared.logUrl,
    });
    await setDeploymentState(deps.db.pool, run.id, role, 'error');
  }
  const view = deployView(run.id, request);
  await editComment(
    octokit,
    repo,
    prepared.commentId,
    deployComment(view, `⚠️ ${text}\n\nComment \`/pipeline deploy\` on the pull request to deploy it again.`),
  );
  if (cancelled) return;
  const failed = await moveRun(deps, run, 'fail', message, { error: message, detail });
  if (failed) deps.metrics.runs.inc({ status: 'failed' });
}
