import { gitHubUnavailableStatus } from '../github/operations/github-errors.js';
import { ModelUnavailableError } from '../integrations/anthropic/index.js';
import { OutboundSecretError } from '../integrations/secrets/index.js';
import { TransientJobError } from '../queue/index.js';
import { appendEvent, getRun, isTransientDbError, type Run } from '../storage/index.js';
import { describeFailure } from './describe-failure.js';
import { RunCancelledError } from './errors.js';
import { moveRun } from './move-run.js';
import type { RunDeps } from './run-deps.js';
import type { RunStateType } from './state.js';
import { publishStatus, type StatusSurface } from './status-comment.js';

/** The status comment's note for a cancelled run: who cancelled it and what was kept. */
export function cancelledNote(run: Pick<Run, 'error'>): string {
  return `The run was ${run.error ?? 'cancelled'}. The branch and pull request are left as they are; comment \`/pipeline retry\` to continue from the last good step.`;
}

/**
 * How a job that threw ends: a cancellation is reported in the status comment (the run is already
 * `cancelled`), a transient failure is handed back to the queue to try again from the last checkpoint,
 * anything else fails the run with a plain sentence saying why and what to type next (the technical detail
 * goes to the run's `run_failed` event and the log, never to GitHub).
 */
export async function handleFailure(
  deps: RunDeps,
  surface: StatusSurface,
  error: unknown,
  attempt: number,
  state: RunStateType | undefined,
): Promise<void> {
  const { run } = surface;
  // The delivery that started the run, so a reported failure can be found from either end.
  const log = deps.logger.child({ runId: run.id, ...(run.deliveryId ? { deliveryId: run.deliveryId } : {}) });
  if (error instanceof RunCancelledError) {
    log.info('run cancelled');
    const current = (await getRun(deps.db.pool, run.id)) ?? run;
    if (state?.runId) await publishStatus(surface, state, 'cancelled', cancelledNote(current));
    deps.metrics.runs.inc({ status: 'cancelled' });
    await deps.workspaces.release(run.id);
    return;
  }
  if (isTransient(error) && attempt < 3) {
    log.warn({ err: error, attempt }, 'transient failure; the job will be retried from the last checkpoint');
    throw new TransientJobError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const step = await getRun(deps.db.pool, run.id).then(
    (current) => current?.currentNode ?? null,
    () => null,
  );
  const { message, detail } = describeFailure(error, step);
  log.error({ err: error }, 'run failed');
  if (error instanceof OutboundSecretError) {
    await appendEvent(deps.db.pool, {
      runId: run.id,
      type: 'secret_blocked',
      message,
      data: { findings: error.findings },
    });
  }
  // The comment first: once the run reads `failed`, what the user sees already says why.
  if (state?.runId) {
    await publishStatus(
      surface,
      // A write held back for a secret may have been this comment: the failure shows none of the agents' text.
      error instanceof OutboundSecretError ? { ...state, workPlan: undefined } : state,
      'failed',
      `${message}\n\nComment \`/pipeline retry\` to resume from the last good step.`,
    ).catch((publishError: unknown) =>
      log.error({ err: publishError }, 'could not update the status comment'),
    );
  }
  const failed = await moveRun(deps, run, 'fail', message, { error: message, detail });
  if (failed) deps.metrics.runs.inc({ status: 'failed' });
  await deps.workspaces.release(run.id);
}

/**
 * Failures worth another try of the whole job: the model, GitHub or the database being down for a while
 * (a dropped database connection fails the step it interrupted, not the run).
 */
function isTransient(error: unknown): boolean {
  return (
    error instanceof ModelUnavailableError ||
    isTransientDbError(error) ||
    gitHubUnavailableStatus(error) !== undefined
  );
}
