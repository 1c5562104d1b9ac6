import { latestEventOf, RunTransitions, type Queryable, type RunTransitionName } from '../storage/index.js';
import type { RunJob, RunJobReason } from './types.js';

/** The job that carries out each transition that queues a run again (a new run's job is `start`). */
export const JOB_AFTER = {
  approve: 'resume',
  replan: 'resume',
  resume_input: 'resume',
  retry: 'retry',
  reopen_for_review: 'feedback',
} as const satisfies Partial<Record<RunTransitionName, RunJobReason>>;

const QUEUEING = Object.entries(JOB_AFTER).map(([name, reason]) => ({
  event: RunTransitions[name as keyof typeof JOB_AFTER].event,
  reason,
}));

/**
 * The job a run's status calls for, read back from its timeline: the job of the last transition that queued
 * it, or `start` when none did. What recovery enqueues when the original job was lost (a queue that was down,
 * a process that died in between), so the run continues as its transition meant.
 */
export async function jobForRun(db: Queryable, runId: string): Promise<RunJob> {
  const last = await latestEventOf(
    db,
    runId,
    QUEUEING.map((q) => q.event),
  );
  const reason = QUEUEING.find((q) => q.event === last?.type)?.reason ?? 'start';
  return { runId, reason };
}
