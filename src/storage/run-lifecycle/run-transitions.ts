import type { RunEventType } from '../run-events/index.js';
import type { RunStatus } from '../types.js';

/** One named status change: the statuses it may start from, where it goes, and what it records. */
export interface RunTransitionRule {
  from: readonly RunStatus[];
  to: RunStatus;
  /** Type of the event written on the run's timeline. */
  event: RunEventType;
  /** Action of the audit row. */
  audit: string;
  /**
   * The move starts a new attempt: the run's `attempt` goes up by one in the same statement, and the event's
   * data says which attempt it is (steps of the new attempt are told apart from the earlier ones' by it).
   */
  startsAttempt?: true;
}

/**
 * Every status change a run can make. The audit names are the ones the audit log and its readers already
 * use; the event names are run events (storage/run-events).
 */
export const RunTransitions = {
  start: { from: ['queued', 'running'], to: 'running', event: 'run_started', audit: 'run.started' },
  wait_for_approval: {
    from: ['running'],
    to: 'waiting_approval',
    event: 'run_waiting_approval',
    audit: 'run.waiting_approval',
  },
  approve: { from: ['waiting_approval'], to: 'queued', event: 'approved', audit: 'run.approved' },
  replan: {
    from: ['waiting_approval'],
    to: 'queued',
    event: 'plan_revision_requested',
    audit: 'run.plan_revision_requested',
  },
  wait_for_input: {
    from: ['running'],
    to: 'waiting_input',
    event: 'run_waiting_input',
    audit: 'run.waiting_input',
  },
  resume_input: {
    from: ['waiting_input'],
    to: 'queued',
    event: 'input_received',
    audit: 'run.resumed_with_input',
  },
  cancel: {
    from: ['queued', 'running', 'waiting_approval', 'waiting_input'],
    to: 'cancelled',
    event: 'cancel_requested',
    audit: 'run.cancelled',
  },
  retry: {
    from: ['failed', 'cancelled'],
    to: 'queued',
    event: 'retry_requested',
    audit: 'run.retried',
    startsAttempt: true,
  },
  reopen_for_review: {
    from: ['succeeded', 'failed'],
    to: 'queued',
    event: 'review_feedback',
    audit: 'run.reopened_for_review',
  },
  /** A newer merge to the same environment replaces a deploy that has not started; one in progress is never. */
  supersede: { from: ['queued'], to: 'cancelled', event: 'deploy_superseded', audit: 'deploy.superseded' },
  succeed: { from: ['running'], to: 'succeeded', event: 'run_succeeded', audit: 'run.succeeded' },
  fail: { from: ['running'], to: 'failed', event: 'run_failed', audit: 'run.failed' },
  /** The queue gave up on the run's job: a run left queued or running would hold its issue forever. */
  abandon: { from: ['queued', 'running'], to: 'failed', event: 'run_failed', audit: 'run.abandoned' },
} as const satisfies Record<string, RunTransitionRule>;

export type RunTransitionName = keyof typeof RunTransitions;
