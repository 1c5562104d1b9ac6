import {
  appendEvent,
  transitionRun,
  withTransaction,
  writeAudit,
  type Run,
  type RunTransition,
} from '../storage/index.js';
import type { RunDeps } from './run-deps.js';

/** What the worker's status changes are called on the timeline and in the audit log. */
const actionFor = (to: Run['status']) => `run.${to === 'running' ? 'started' : to}`;

/**
 * A status change the worker makes, recorded like the ones people make: the run's row, an event on its
 * timeline and an audit row (actor `app`), in one transaction; then the event goes out live.
 * Returns the moved run, or null when the run was not in `from` (nothing is recorded then).
 */
export async function moveRun(
  deps: Pick<RunDeps, 'db' | 'bus'>,
  run: Pick<Run, 'id' | 'repoFullName' | 'issueNumber'>,
  transition: RunTransition,
  message: string,
  /** Technical detail for the timeline event only (the audit row keeps the plain transition). */
  detail?: Record<string, unknown>,
): Promise<Run | null> {
  const action = actionFor(transition.to);
  const moved = await withTransaction(deps.db.pool, async (tx) => {
    const next = await transitionRun(tx, run.id, transition);
    if (!next) return null;
    const data = { to: transition.to, ...(transition.error ? { error: transition.error } : {}) };
    await appendEvent(tx, {
      runId: run.id,
      type: action,
      message,
      data: detail ? { ...data, detail } : data,
    });
    await writeAudit(tx, {
      actor: 'app',
      action,
      repoFullName: run.repoFullName,
      issueNumber: run.issueNumber,
      runId: run.id,
      detail: data,
    });
    return next;
  });
  if (moved)
    await deps.bus.publish({
      runId: run.id,
      type: action,
      message,
      data: { to: transition.to },
      at: new Date().toISOString(),
    });
  return moved;
}
