import { z } from 'zod';
import type { Queryable } from '../storage/index.js';
import type { ApprovalDecision } from './nodes/await-approval/index.js';
import { readEvents } from './read-events.js';

/** The timeline event the worker records when a run starts waiting for approval (see moveRun). */
export const WAITING_APPROVAL_EVENT = 'run.waiting_approval';

const feedbackSchema = z.object({ feedback: z.string().min(1) });

/**
 * The decision a maintainer recorded since the run last started waiting: `/pipeline approve`, or
 * `/pipeline plan <changes>`. Undefined when there is none (e.g. a run cancelled while waiting, then retried):
 * the run goes back to waiting rather than being approved by default.
 */
export async function approvalDecision(db: Queryable, runId: string): Promise<ApprovalDecision | undefined> {
  const events = await readEvents(db, runId);
  const since = events.findLastIndex((e) => e.type === WAITING_APPROVAL_EVENT);
  for (const event of events.slice(since + 1).reverse()) {
    if (event.type === 'approved') return { decision: 'approve' };
    if (event.type === 'plan_revision_requested') {
      const parsed = feedbackSchema.safeParse(event.data);
      if (parsed.success) return { decision: 'revise', feedback: parsed.data.feedback };
    }
  }
  return undefined;
}
