import {
  applyTransition,
  RunTransitions,
  withTransaction,
  type Run,
  type RunTransitionName,
} from '../storage/index.js';
import type { RunDeps } from './run-deps.js';

/** The transitions the worker makes itself; their events take an optional error and its detail. */
type WorkerTransitionName = Extract<
  RunTransitionName,
  'start' | 'wait_for_approval' | 'wait_for_input' | 'succeed' | 'fail' | 'cancel'
>;

/**
 * A status change the worker makes, recorded like the ones people make (actor `app`), in one transaction;
 * then the event goes out live. Returns the moved run, or null when the run was not in the transition's
 * `from` statuses (nothing is recorded then).
 */
export async function moveRun(
  deps: Pick<RunDeps, 'db' | 'bus'>,
  run: Pick<Run, 'id'>,
  name: WorkerTransitionName,
  message: string,
  { error, detail }: { error?: string; detail?: Record<string, unknown> } = {},
): Promise<Run | null> {
  const reason = error ? { error } : {};
  const moved = await withTransaction(deps.db.pool, (tx) =>
    applyTransition(tx, run.id, name, {
      actor: 'app',
      message,
      error,
      // The audit row keeps the plain transition; the technical detail goes on the timeline only.
      auditDetail: { to: RunTransitions[name].to, ...reason },
      data: detail ? { ...reason, detail } : reason,
    }),
  );
  if (!moved) return null;
  await deps.bus.publish(moved.event);
  return moved.run;
}
