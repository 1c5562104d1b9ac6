import type pg from 'pg';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../monitoring/logger.js';
import { PermanentJobError } from './errors.js';
import { failAbandonedRun } from './fail-abandoned-run.js';
import type { EventBus } from './live-event.js';
import { closeRedis, createRedisConnection } from './redis-connection.js';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  defaultJobKey,
  rerunsIfActive,
  runJobSchema,
  type QueueWorker,
  type RetryOptions,
  type RunJob,
  type RunJobHandler,
  type RunQueue,
} from './types.js';

export interface BullmqQueueOptions extends RetryOptions {
  redisUrl: string;
  /** When given, a run whose job fails for good is marked failed instead of holding its issue. */
  db?: pg.Pool;
  /** When given, that failure is published to the run's live watchers. */
  bus?: EventBus;
  logger: Logger;
  /** Default `runs`. */
  queueName?: string;
  /** Redis key prefix (default `pipeline`); tests use a fresh one. */
  prefix?: string;
  /** How often workers look for jobs whose worker died (default 30 000 ms). Workers share this check's
   *  rate limit in Redis, so every worker on a queue must use the same value. */
  stalledIntervalMs?: number;
  /** How long a job's lock lives without renewal; a killed worker's job is free after this (default 30 000 ms). */
  lockDurationMs?: number;
}

/** The Redis-backed queue: many worker processes, jobs survive restarts, dead workers' jobs are recovered. */
export function createBullmqQueue(options: BullmqQueueOptions): RunQueue {
  const { redisUrl, db, bus, logger } = options;
  const queueName = options.queueName ?? 'runs';
  const prefix = options.prefix ?? 'pipeline';
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const connection = createRedisConnection(redisUrl, 'queue', logger);
  const queue = new Queue<RunJob>(queueName, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
      removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
      removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
    },
  });
  queue.on('error', (err) => logger.error({ err }, 'run queue error'));
  const workers = new Set<QueueWorker>();

  async function onFailed(job: Job<RunJob> | undefined, err: Error): Promise<void> {
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const log = logger.child({ runId: job.data.runId, reason: job.data.reason, attempt: job.attemptsMade });
    if (!final) {
      log.warn({ err }, 'run job failed; retrying');
      return;
    }
    log.error({ err }, 'run job failed for good');
    if (db) await failAbandonedRun({ db, bus }, job.data, err, log);
  }

  function startWorker(handler: RunJobHandler, { concurrency }: { concurrency: number }): QueueWorker {
    const workerConnection = createRedisConnection(redisUrl, 'worker', logger);
    const worker = new Worker<RunJob>(queueName, (job, _token, signal) => processJob(job, signal, handler), {
      connection: workerConnection,
      prefix,
      concurrency: Math.max(1, concurrency),
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      lockDuration: options.lockDurationMs ?? 30_000,
      maxStalledCount: 1,
    });
    worker.on('error', (err) => logger.error({ err }, 'run worker error'));
    worker.on('failed', (job, err) => void onFailed(job, err));
    worker.on('stalled', (jobId) =>
      logger.warn({ jobId }, 'a worker died holding this job; it is queued again'),
    );
    const handle: QueueWorker = {
      async close({ force = false } = {}) {
        workers.delete(handle);
        if (force) worker.cancelAllJobs('worker closed');
        await worker.close(force);
        await closeRedis(workerConnection);
      },
    };
    workers.add(handle);
    return handle;
  }

  async function processJob(job: Job<RunJob>, signal: AbortSignal | undefined, handler: RunJobHandler) {
    const parsed = runJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid run job payload: ${parsed.error.message}`);
    const attempt = job.attemptsMade + 1;
    const log = logger.child({
      runId: parsed.data.runId,
      reason: parsed.data.reason,
      attempt,
      jobId: job.id,
    });
    try {
      await handler(parsed.data, { attempt, signal: signal ?? new AbortController().signal, logger: log });
    } catch (err) {
      if (err instanceof PermanentJobError) {
        // BullMQ stops retrying on its own error class; the app's error stays its cause (its words are shown).
        throw Object.assign(new UnrecoverableError(err.message), { cause: err });
      }
      throw err;
    }
  }

  return {
    kind: 'bullmq',
    async enqueue(input, opts = {}) {
      const job = runJobSchema.parse(input);
      await queue.add(job.reason, job, {
        deduplication: {
          id: opts.jobId ?? defaultJobKey(job),
          ...(rerunsIfActive(job) ? { keepLastIfActive: true } : {}),
        },
        ...(opts.delayMs ? { delay: opts.delayMs } : {}),
      });
    },
    startWorker,
    async ping() {
      await pingRedis(connection);
    },
    async counts() {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      return {
        waiting: c.waiting ?? 0,
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
        completed: c.completed ?? 0,
      };
    },
    async close() {
      await Promise.all([...workers].map((w) => w.close()));
      await queue.close();
      await closeRedis(connection);
    },
  };
}

async function pingRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
}
