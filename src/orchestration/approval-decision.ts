import { latestEvent, RunTransitions, type Queryable } from '../storage/index.js';
import type { ApprovalDecision } from './nodes/await-approval/index.js';
import { readEvents } from './read-events.js';

/** The timeline event the worker records when a run starts waiting for approval (see moveRun). */
const WAITING_APPROVAL_EVENT = RunTransitions.wait_for_approval.event;

/**
 * The decision a maintainer recorded since the run last started waiting: `/pipeline approve`, or
 * `/pipeline plan <changes>`. Undefined when there is none (e.g. a run cancelled while waiting, then retried):
 * the run goes back to waiting rather than being approved by default.
 */
export async function approvalDecision(db: Queryable, runId: string): Promise<ApprovalDecision | undefined> {
  // A cursor: only the events since the run last started waiting are read, not its whole log.
  const since = await latestEvent(db, runId, WAITING_APPROVAL_EVENT);
  const events = await readEvents(db, runId, since?.id ?? 0);
  for (const event of events.reverse()) {
    if (event.type === RunTransitions.approve.event) return { decision: 'approve' };
    if (event.type === RunTransitions.replan.event)
      return { decision: 'revise', feedback: event.data.feedback };
  }
  return undefined;
}
