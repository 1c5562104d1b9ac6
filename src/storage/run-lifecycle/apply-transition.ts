import { appendEvent } from '../events.js';
import { writeAudit } from '../audit.js';
import {
  parseRunEventBody,
  toPublished,
  type PublishedRunEvent,
  type RunEventDataInput,
} from '../run-events/index.js';
import type { Queryable, Run } from '../types.js';
import { RunTransitions, type RunTransitionName, type RunTransitionRule } from './run-transitions.js';
import { transitionRun } from './transition-run.js';

/** What a transition fills in its event's data itself: `to`, and the new `attempt` when it starts one. */
type FilledIn<N extends RunTransitionName> =
  'to' | ((typeof RunTransitions)[N] extends { startsAttempt: true } ? 'attempt' : never);

/** The data a transition's caller gives: its event's data without what the transition fills in. */
export type TransitionData<N extends RunTransitionName> = N extends RunTransitionName
  ? Omit<RunEventDataInput<(typeof RunTransitions)[N]['event']>, FilledIn<N>>
  : never;

interface TransitionInputBase {
  /** GitHub login, `app`, or `api:<token name>`. */
  actor: string;
  /** One plain sentence for the timeline. */
  message: string;
  /** The audit row's detail. */
  auditDetail?: unknown;
  /** Stored in the run's `error`. */
  error?: string;
  deliveryId?: string | null;
}

/** What a transition is told; `data` (the timeline event's data) is required when its event needs some. */
export type TransitionInput<N extends RunTransitionName> = N extends RunTransitionName
  ? TransitionInputBase &
      (object extends TransitionData<N> ? { data?: TransitionData<N> } : { data: TransitionData<N> })
  : never;

/** What to publish on the live event bus once the transaction has committed (storage cannot reach the bus). */
export type TransitionEvent = PublishedRunEvent;

export interface AppliedTransition {
  run: Run;
  /** The stored event, as published: its data holds `to`. */
  event: TransitionEvent;
}

/**
 * The one way a run's status changes: checks the run is in one of the transition's `from` statuses and
 * moves it, writing the timeline event and the audit row in the same transaction (`db` should be one).
 * Null when the run is missing or not in `from`; nothing is written then. Data the event's schema refuses
 * throws InvalidRunEventError before the run is touched.
 */
export function applyTransition<N extends RunTransitionName>(
  db: Queryable,
  runId: string,
  name: N,
  input: TransitionInput<N>,
): Promise<AppliedTransition | null>;
export async function applyTransition(
  db: Queryable,
  runId: string,
  name: RunTransitionName,
  input: TransitionInputBase & { data?: object },
): Promise<AppliedTransition | null> {
  const rule: RunTransitionRule = RunTransitions[name];
  const filledIn = (run?: Run) => ({
    ...input.data,
    to: rule.to,
    ...(rule.startsAttempt ? { attempt: run ? run.attempt : 1 } : {}),
  });
  // Checked before the run is touched (with a stand-in attempt), written with what the move filled in.
  parseRunEventBody(rule.event, filledIn());
  const run = await transitionRun(db, runId, {
    from: rule.from,
    to: rule.to,
    error: input.error,
    startsAttempt: rule.startsAttempt,
  });
  if (!run) return null;
  const event = await appendEvent(db, {
    runId,
    message: input.message,
    ...parseRunEventBody(rule.event, filledIn(run)),
  });
  await writeAudit(db, {
    actor: input.actor,
    action: rule.audit,
    repoFullName: run.repoFullName,
    issueNumber: run.issueNumber,
    runId,
    deliveryId: input.deliveryId ?? null,
    detail: input.auditDetail,
  });
  return { run, event: toPublished(event) };
}
