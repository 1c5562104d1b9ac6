import { describe, expect, it } from 'vitest';
import {
  continueAfterRound,
  decideResumption,
  type Resumption,
  type ThreadFacts,
} from '../../../src/orchestration/resumption.js';
import type { ReviewFeedback } from '../../../src/storage/index.js';

const FEEDBACK: ReviewFeedback = {
  kind: 'review_comment',
  author: 'maintainer',
  body: 'Rename mul to multiply.',
  path: 'src/mul.js',
  line: 1,
};

/** A run's thread that ended (succeeded, with a PR), taken up by a `start` job with nothing pending. */
const ENDED: ThreadFacts = {
  reason: 'start',
  endedAs: 'succeeded',
  waitingForApproval: false,
  approval: undefined,
  stoppedMidway: false,
  untakenFeedback: undefined,
  canRetryDevelopment: false,
};

const NEW_THREAD: ThreadFacts = { ...ENDED, endedAs: undefined };

const cases: [story: string, facts: ThreadFacts, expected: Resumption][] = [
  ['a new run starts from intake', NEW_THREAD, { kind: 'fresh_start' }],
  [
    'a run resumed with details it was waiting for starts again from intake',
    { ...ENDED, reason: 'resume', endedAs: 'waiting_input' },
    { kind: 'fresh_start' },
  ],
  [
    'a run whose worker died after its thread ended, before its status, ends as its thread did',
    { ...ENDED, reason: 'start' },
    { kind: 'end_as_before' },
  ],
  [
    'a recovered resume job of a run whose thread ended ends it as the thread did',
    { ...ENDED, reason: 'resume', endedAs: 'failed' },
    { kind: 'end_as_before' },
  ],
  [
    'a run that asked for details, recovered before its status was written, waits for them again',
    { ...ENDED, reason: 'start', endedAs: 'waiting_input' },
    { kind: 'end_as_before' },
  ],
  [
    'a retry of a run cancelled while it waited for details starts over',
    { ...ENDED, reason: 'retry', endedAs: 'waiting_input' },
    { kind: 'fresh_start' },
  ],
  [
    'an approved plan resumes the approval wait with the approval',
    { ...ENDED, reason: 'resume', waitingForApproval: true, approval: { decision: 'approve' } },
    { kind: 'approval_decision', decision: { decision: 'approve' } },
  ],
  [
    'a plan change request resumes the approval wait with the change',
    {
      ...ENDED,
      reason: 'resume',
      waitingForApproval: true,
      approval: { decision: 'revise', feedback: 'Use a Map.' },
    },
    { kind: 'approval_decision', decision: { decision: 'revise', feedback: 'Use a Map.' } },
  ],
  [
    'a run cancelled while waiting, then retried, waits again instead of being approved by default',
    { ...ENDED, reason: 'retry', waitingForApproval: true },
    { kind: 'keep_waiting' },
  ],
  [
    'a pending approval comes before anything else that arrived',
    {
      ...ENDED,
      reason: 'feedback',
      waitingForApproval: true,
      approval: { decision: 'approve' },
      untakenFeedback: { items: [FEEDBACK], upTo: 9 },
    },
    { kind: 'approval_decision', decision: { decision: 'approve' } },
  ],
  [
    'a run whose worker died mid-way continues from its last checkpoint',
    { ...ENDED, reason: 'start', stoppedMidway: true },
    { kind: 'from_checkpoint' },
  ],
  [
    'a retry of a run that failed in a node runs that node again',
    { ...ENDED, reason: 'retry', stoppedMidway: true, canRetryDevelopment: true },
    { kind: 'from_checkpoint' },
  ],
  [
    'feedback that arrived during an interrupted round waits until the round is done',
    { ...ENDED, reason: 'feedback', stoppedMidway: true, untakenFeedback: { items: [FEEDBACK], upTo: 9 } },
    { kind: 'from_checkpoint' },
  ],
  [
    'review feedback on the PR develops again with it',
    { ...ENDED, reason: 'feedback', untakenFeedback: { items: [FEEDBACK], upTo: 9 } },
    { kind: 'develop_again', because: 'review_feedback', feedback: [FEEDBACK], upTo: 9 },
  ],
  [
    'a retry while review feedback is untaken develops again with the feedback',
    { ...ENDED, reason: 'retry', canRetryDevelopment: true, untakenFeedback: { items: [FEEDBACK], upTo: 4 } },
    { kind: 'develop_again', because: 'review_feedback', feedback: [FEEDBACK], upTo: 4 },
  ],
  [
    'a retry of a run whose tests kept failing develops again on the same plan and PR',
    { ...ENDED, reason: 'retry', canRetryDevelopment: true },
    { kind: 'develop_again', because: 'retry' },
  ],
  [
    'a retry of a run that failed without a PR starts over',
    { ...ENDED, reason: 'retry', endedAs: 'failed', canRetryDevelopment: false },
    { kind: 'fresh_start' },
  ],
  [
    'a feedback job whose feedback an earlier round took ends the run as before',
    { ...ENDED, reason: 'feedback' },
    { kind: 'end_as_before' },
  ],
  [
    'a feedback job on a run with no thread starts it',
    { ...NEW_THREAD, reason: 'feedback' },
    { kind: 'fresh_start' },
  ],
];

describe('how a job continues a run', () => {
  it.each(cases)('%s', (_story, facts, expected) => {
    expect(decideResumption(facts)).toEqual(expected);
  });
});

describe('after a round reached the end of the thread', () => {
  it('review feedback that arrived during the round gets a development round of its own', () => {
    expect(continueAfterRound({ untakenFeedback: { items: [FEEDBACK], upTo: 12 } })).toEqual({
      kind: 'develop_again',
      because: 'review_feedback',
      feedback: [FEEDBACK],
      upTo: 12,
    });
  });

  it('with no new feedback, the run ends', () => {
    expect(continueAfterRound({ untakenFeedback: undefined })).toBeUndefined();
  });
});
