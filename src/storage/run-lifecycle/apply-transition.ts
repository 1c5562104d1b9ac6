import { appendEvent } from '../events.js';
import { writeAudit } from '../audit.js';
import type { Queryable, Run } from '../types.js';
import { RunTransitions, type RunTransitionName } from './run-transitions.js';
import { transitionRun } from './transition-run.js';

export interface TransitionInput {
  /** GitHub login, `app`, or `api:<token name>`. */
  actor: string;
  /** One plain sentence for the timeline. */
  message: string;
  /** The timeline event's data. */
  data?: unknown;
  /** The audit row's detail. */
  auditDetail?: unknown;
  /** Stored in the run's `error`. */
  error?: string;
  deliveryId?: string | null;
}

/** What to publish on the live event bus once the transaction has committed (storage cannot reach the bus). */
export interface TransitionEvent {
  runId: string;
  type: string;
  message: string;
  data: { to: Run['status'] };
  at: string;
}

export interface AppliedTransition {
  run: Run;
  event: TransitionEvent;
}

/**
 * The one way a run's status changes: checks the run is in one of the transition's `from` statuses and
 * moves it, writing the timeline event and the audit row in the same transaction (`db` should be one).
 * Null when the run is missing or not in `from`; nothing is written then.
 */
export async function applyTransition(
  db: Queryable,
  runId: string,
  name: RunTransitionName,
  input: TransitionInput,
): Promise<AppliedTransition | null> {
  const rule = RunTransitions[name];
  const run = await transitionRun(db, runId, { from: rule.from, to: rule.to, error: input.error });
  if (!run) return null;
  await appendEvent(db, { runId, type: rule.event, message: input.message, data: input.data });
  await writeAudit(db, {
    actor: input.actor,
    action: rule.audit,
    repoFullName: run.repoFullName,
    issueNumber: run.issueNumber,
    runId,
    deliveryId: input.deliveryId ?? null,
    detail: input.auditDetail,
  });
  return {
    run,
    event: {
      runId,
      type: rule.event,
      message: input.message,
      data: { to: rule.to },
      at: new Date().toISOString(),
    },
  };
}
