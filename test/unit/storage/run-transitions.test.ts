import { describe, expect, it } from 'vitest';
import {
  RunTransitions,
  type RunTransitionName,
} from '../../../src/storage/run-lifecycle/run-transitions.js';
import { RunStatuses, type RunStatus } from '../../../src/storage/types.js';

const ACTIVE: RunStatus[] = ['queued', 'running', 'waiting_approval', 'waiting_input'];

/** The lifecycle as people and the worker see it: from where each change may be made, and what it records. */
const EXPECTED: Record<
  RunTransitionName,
  { from: RunStatus[]; to: RunStatus; event: string; audit: string }
> = {
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
  cancel: { from: ACTIVE, to: 'cancelled', event: 'cancel_requested', audit: 'run.cancelled' },
  retry: { from: ['failed', 'cancelled'], to: 'queued', event: 'retry_requested', audit: 'run.retried' },
  reopen_for_review: {
    from: ['succeeded', 'failed'],
    to: 'queued',
    event: 'review_feedback',
    audit: 'run.reopened_for_review',
  },
  supersede: { from: ['queued'], to: 'cancelled', event: 'deploy_superseded', audit: 'deploy.superseded' },
  succeed: { from: ['running'], to: 'succeeded', event: 'run_succeeded', audit: 'run.succeeded' },
  fail: { from: ['running'], to: 'failed', event: 'run_failed', audit: 'run.failed' },
  abandon: { from: ['queued', 'running'], to: 'failed', event: 'run_failed', audit: 'run.abandoned' },
};

const pairs = (Object.keys(EXPECTED) as RunTransitionName[]).flatMap((name) =>
  RunStatuses.map((status) => ({ name, status, allowed: EXPECTED[name].from.includes(status) })),
);

describe('the run lifecycle table', () => {
  it('names exactly the expected transitions', () => {
    expect(Object.keys(RunTransitions).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(pairs)('$name from $status: allowed $allowed', ({ name, status, allowed }) => {
    expect((RunTransitions[name].from as readonly RunStatus[]).includes(status)).toBe(allowed);
  });

  it.each(Object.keys(EXPECTED) as RunTransitionName[])(
    '%s moves to its status and records its event and audit action',
    (name) => {
      const { to, event, audit } = RunTransitions[name];
      expect({ to, event, audit }).toEqual({
        to: EXPECTED[name].to,
        event: EXPECTED[name].event,
        audit: EXPECTED[name].audit,
      });
    },
  );
});
