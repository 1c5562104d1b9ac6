import type { RunJobReason } from '../queue/index.js';
import type { ReviewFeedback } from '../storage/index.js';
import type { ApprovalDecision } from './nodes/await-approval/index.js';
import type { Outcome } from './state.js';

/** What a job knows about the run's thread when it takes the run up (read by `readThreadFacts`). */
export interface ThreadFacts {
  /** Why the job was enqueued. */
  reason: RunJobReason;
  /** How the thread ended when it last reached its end; undefined for a new thread. */
  endedAs: Outcome['status'] | undefined;
  /** The thread is paused at the approval interrupt. */
  waitingForApproval: boolean;
  /** The maintainer's decision recorded since the run last started waiting, if any. */
  approval: ApprovalDecision | undefined;
  /** The thread stopped before its end (a crash, a failure, a cancel): some node is still to run. */
  stoppedMidway: boolean;
  /** Review feedback on the run's pull request that no development round has had yet. */
  untakenFeedback: { items: ReviewFeedback[]; upTo: number } | undefined;
  /** The thread ended failed with a plan and a pull request, so a retry can develop on them again. */
  canRetryDevelopment: boolean;
}

/** How a job continues a run. */
export type Resumption =
  /** From intake, with the issue and config as they are now: a new run, or one started over. */
  | { kind: 'fresh_start' }
  /** Where the thread stopped: the node that was running runs again, nothing before it. */
  | { kind: 'from_checkpoint' }
  /** The maintainer's `/pipeline approve` or `/pipeline plan <changes>` answers the approval wait. */
  | { kind: 'approval_decision'; decision: ApprovalDecision }
  /** No decision yet (e.g. a run cancelled while waiting, then retried): it waits again, never approved by default. */
  | { kind: 'keep_waiting' }
  /** Another development round on the same plan, branch and PR, with the reviewers' feedback. */
  | { kind: 'develop_again'; because: 'review_feedback'; feedback: ReviewFeedback[]; upTo: number }
  /** Another development round on the same plan, branch and PR, after the tests failed and a user retried. */
  | { kind: 'develop_again'; because: 'retry' }
  /** Nothing new to do (a worker died after the thread's end, or feedback an earlier round took): the run
   *  ends as its thread did. */
  | { kind: 'end_as_before' };

/**
 * The one place that decides how a job continues a run. Pure: the facts are read before, and the executor
 * maps the answer onto the graph's entries (`RunGraphEntry`). Order matters: a pending approval and an
 * interrupted node come first, since whatever else arrived is handled once the thread is back at its end.
 */
export function decideResumption(facts: ThreadFacts): Resumption {
  if (facts.waitingForApproval) {
    return facts.approval
      ? { kind: 'approval_decision', decision: facts.approval }
      : { kind: 'keep_waiting' };
  }
  if (facts.stoppedMidway) return { kind: 'from_checkpoint' };
  const feedback = continueAfterRound(facts);
  if (feedback) return feedback;
  if (facts.reason === 'retry' && facts.canRetryDevelopment)
    return { kind: 'develop_again', because: 'retry' };
  if (facts.endedAs === undefined) return { kind: 'fresh_start' };
  // An ended thread starts over only for news that calls for it: the details a run waited for, or a retry
  // with no plan and PR to develop on. Any other job found its work done and must not redo it.
  const startsOver =
    facts.reason === 'retry' || (facts.reason === 'resume' && facts.endedAs === 'waiting_input');
  return startsOver ? { kind: 'fresh_start' } : { kind: 'end_as_before' };
}

/**
 * After a round reached the thread's end: review feedback that arrived while the run was active gets its own
 * development round now, instead of waiting for the next review to reopen the run.
 */
export function continueAfterRound(facts: Pick<ThreadFacts, 'untakenFeedback'>): Resumption | undefined {
  if (!facts.untakenFeedback) return undefined;
  const { items, upTo } = facts.untakenFeedback;
  return { kind: 'develop_again', because: 'review_feedback', feedback: items, upTo };
}
