import { z } from 'zod';
import type { Logger } from '../monitoring/logger.js';

export const runJobReasons = ['start', 'resume', 'retry', 'feedback'] as const;

/** The only payload a queue carries: which run to advance and why. Everything else is in the database. */
export const runJobSchema = z.object({
  runId: z.uuid(),
  /** start: a new run; resume: continue after approval/input or a restart; retry: a user asked again;
   *  feedback: a review or comment on the generated PR. */
  reason: z.enum(runJobReasons),
  /** The webhook delivery that caused the job, for log correlation and deduplication. */
  deliveryId: z.string().min(1).optional(),
});
export type RunJob = z.infer<typeof runJobSchema>;
export type RunJobReason = RunJob['reason'];

export interface RunJobContext {
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  /** Aborted when the worker is force-closed; stop promptly and leave the run resumable. */
  signal: AbortSignal;
  logger: Logger;
}

/** Throw TransientJobError to be retried with backoff, PermanentJobError to fail at once. Any other error is retried. */
export type RunJobHandler = (job: RunJob, ctx: RunJobContext) => Promise<void>;

export interface EnqueueOptions {
  /** Deduplication key; defaults to `run-<runId>-<reason>`. */
  jobId?: string;
  delayMs?: number;
}

export interface QueueWorker {
  /**
   * Stops taking jobs. Graceful (default): waits for the active jobs to finish. `force`: aborts their
   * signals and returns at once; the jobs are handed back (BullMQ: picked up again after the stall
   * interval; memory: re-queued, and the run is recovered from the table on the next start).
   */
  close(opts?: { force?: boolean }): Promise<void>;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface RunQueue {
  readonly kind: 'bullmq' | 'memory';
  /**
   * Adds a job unless one with the same key is waiting or delayed (then this is a no-op). While the key's
   * job is active, a `start` duplicate is dropped and a `resume`/`feedback`/`retry` one runs once
   * more after it (see `rerunsIfActive`).
   */
  enqueue(job: RunJob, opts?: EnqueueOptions): Promise<void>;
  startWorker(handler: RunJobHandler, opts: { concurrency: number }): QueueWorker;
  /** Throws when the backend is unreachable (health checks). */
  ping(): Promise<void>;
  counts(): Promise<QueueCounts>;
  /** Closes the worker gracefully, then the connections. */
  close(): Promise<void>;
}

/** Retry policy shared by both implementations. */
export interface RetryOptions {
  /** Tries per job, the first included (default 3). */
  attempts?: number;
  /** Delay before the first retry; doubles each time (default 1000 ms). */
  backoffMs?: number;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 1000;

/** The deduplication key of a job when the caller gives none: one pending job per run and reason. */
export function defaultJobKey(job: RunJob): string {
  return `run-${job.runId}-${job.reason}`;
}

/**
 * Reasons that bring news (an approval, a reply, a review). One arriving while the same key's job is
 * active must not be lost: the job runs once more after the active one ends. `start` happens once per
 * run, so a duplicate of it is simply dropped.
 */
export function rerunsIfActive(job: RunJob): boolean {
  return job.reason === 'resume' || job.reason === 'feedback' || job.reason === 'retry';
}
