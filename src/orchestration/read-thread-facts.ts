import type { RunJob } from '../queue/index.js';
import type { Queryable, ReviewFeedback } from '../storage/index.js';
import { approvalDecision } from './approval-decision.js';
import { readEvents } from './read-events.js';
import type { ThreadFacts } from './resumption.js';
import type { RunGraph } from './run-graph.js';
import type { RunStateType } from './state.js';

type ThreadConfig = Parameters<RunGraph['getState']>[0];

/** Reads what `decideResumption` needs: the thread's last checkpoint and the events it depends on. */
export async function readThreadFacts(
  db: Queryable,
  graph: RunGraph,
  config: ThreadConfig,
  job: RunJob,
): Promise<ThreadFacts & { values: RunStateType }> {
  const snapshot = await graph.getState(config);
  const values = snapshot.values;
  const waitingForApproval = snapshot.tasks.some((task) => task.interrupts.length > 0);
  const stoppedMidway = snapshot.next.length > 0;
  const ended = values.runId !== undefined && !stoppedMidway;
  return {
    values,
    reason: job.reason,
    endedAs: ended ? values.outcome?.status : undefined,
    waitingForApproval,
    approval: waitingForApproval ? await approvalDecision(db, job.runId) : undefined,
    stoppedMidway,
    untakenFeedback:
      ended && values.prNumber !== undefined
        ? await untakenReviewFeedback(db, job.runId, values.reviewFeedbackUpTo)
        : undefined,
    canRetryDevelopment:
      values.outcome?.status === 'failed' && values.workPlan !== undefined && values.prNumber !== undefined,
  };
}

/**
 * Review feedback recorded after the event id the thread has taken feedback up to. The cursor lives in the
 * thread's state, checkpointed with the feedback it took, so each item reaches exactly one development round
 * across workers and crashes.
 */
async function untakenReviewFeedback(
  db: Queryable,
  runId: string,
  afterId: number,
): Promise<ThreadFacts['untakenFeedback']> {
  const events = await readEvents(db, runId, afterId, 'review_feedback');
  const last = events.at(-1);
  if (!last) return undefined;
  // An unreadable row (written by another version) is passed over; the cursor still moves past it.
  const items: ReviewFeedback[] = events.flatMap((e) => {
    if (e.type !== 'review_feedback') return [];
    const { to: _to, ...feedback } = e.data;
    return [feedback];
  });
  return { items, upTo: last.id };
}
