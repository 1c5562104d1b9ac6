import type pg from 'pg';
import type { Logger } from '../monitoring/logger.js';
import { listRunsByStatus } from '../storage/index.js';
import { PermanentJobError } from './errors.js';
import { failAbandonedRun } from './fail-abandoned-run.js';
import { jobForRun } from './job-for-run.js';
import type { EventBus } from './live-event.js';
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

export interface MemoryQueueOptions extends RetryOptions {
  db: pg.Pool;
  /** When given, a run abandoned by its job is published to its live watchers. */
  bus?: EventBus;
  logger: Logger;
}

interface Entry {
  key: string;
  job: RunJob;
  /** Tries started so far. */
  attempt: number;
  /** A job with news for this key arrived while this one was active: run it when this one ends. */
  next?: RunJob;
}

interface Execution {
  controller: AbortController;
  done: Promise<void>;
}

interface WorkerState {
  handler: RunJobHandler;
  concurrency: number;
  closing: boolean;
}

/**
 * The in-process queue used when no REDIS_URL is set (one process). Jobs live in memory; what survives
 * a restart is the runs table, so a starting worker re-enqueues runs left `queued` or `running`.
 */
export function createMemoryQueue({ db, bus, logger, attempts, backoffMs }: MemoryQueueOptions): RunQueue {
  const maxAttempts = attempts ?? DEFAULT_ATTEMPTS;
  const baseDelay = backoffMs ?? DEFAULT_BACKOFF_MS;
  const live = new Map<string, Entry>();
  const waiting: Entry[] = [];
  const delayed = new Map<Entry, NodeJS.Timeout>();
  const running = new Map<Entry, Execution>();
  let completed = 0;
  let failed = 0;
  let worker: WorkerState | undefined;
  let closed = false;
  /** Runs queued in this process while recovery reads the table: they are not the previous process's. */
  let enqueuedDuringRecovery: Set<string> | undefined;

  function schedule(entry: Entry, delayMs: number): void {
    if (delayMs <= 0) {
      waiting.push(entry);
      pump();
      return;
    }
    const timer = setTimeout(() => {
      delayed.delete(entry);
      waiting.push(entry);
      pump();
    }, delayMs);
    delayed.set(entry, timer);
  }

  function pump(): void {
    while (worker && !worker.closing && running.size < worker.concurrency) {
      const entry = waiting.shift();
      if (!entry) return;
      const controller = new AbortController();
      running.set(entry, { controller, done: execute(entry, worker.handler, controller) });
    }
  }

  async function execute(entry: Entry, handler: RunJobHandler, controller: AbortController): Promise<void> {
    entry.attempt += 1;
    const { job } = entry;
    const log = logger.child({ runId: job.runId, reason: job.reason, attempt: entry.attempt });
    const current = () => running.get(entry)?.controller === controller;
    try {
      await handler(job, { attempt: entry.attempt, signal: controller.signal, logger: log });
      if (!current()) return;
      completed += 1;
      end(entry);
    } catch (err) {
      if (!current()) return;
      if (err instanceof PermanentJobError || entry.attempt >= maxAttempts) {
        failed += 1;
        log.error({ err }, 'run job failed for good');
        await failAbandonedRun({ db, bus }, job, err, log);
        end(entry);
      } else {
        const delayMs = baseDelay * 2 ** (entry.attempt - 1);
        log.warn({ err, delayMs }, 'run job failed; retrying');
        schedule(entry, delayMs);
      }
    } finally {
      if (current()) running.delete(entry);
      pump();
    }
  }

  /** The job is done for good: free its key, or start the news that arrived meanwhile. */
  function end(entry: Entry): void {
    live.delete(entry.key);
    if (entry.next && !closed) enqueue(entry.next, entry.key, 0);
  }

  function enqueue(input: RunJob, key: string, delayMs: number): void {
    if (closed) throw new Error('The run queue is closed');
    const job = runJobSchema.parse(input);
    enqueuedDuringRecovery?.add(job.runId);
    const existing = live.get(key);
    if (existing) {
      if (running.has(existing) && rerunsIfActive(job)) existing.next = job;
      else logger.debug({ key }, 'job already queued; duplicate ignored');
      return;
    }
    const entry: Entry = { key, job, attempt: 0 };
    live.set(key, entry);
    schedule(entry, delayMs);
  }

  async function recover(): Promise<void> {
    const known = new Set([...live.values()].map((e) => e.job.runId));
    enqueuedDuringRecovery = known;
    const runs = await listRunsByStatus(db, ['queued', 'running']).finally(() => {
      enqueuedDuringRecovery = undefined;
    });
    for (const run of runs.filter((r) => !known.has(r.id))) {
      logger.info({ runId: run.id, status: run.status }, 'resuming a run left by the previous process');
      const job = await jobForRun(db, run.id);
      enqueue(job, defaultJobKey(job), 0);
    }
  }

  async function closeWorker(state: WorkerState, force: boolean): Promise<void> {
    state.closing = true;
    if (force) {
      for (const [entry, execution] of running) {
        execution.controller.abort(new Error('worker closed'));
        entry.attempt -= 1;
        waiting.unshift(entry);
      }
      running.clear();
    } else {
      await Promise.all([...running.values()].map((e) => e.done));
    }
    if (worker === state) worker = undefined;
  }

  return {
    kind: 'memory',
    async enqueue(job, opts = {}) {
      enqueue(job, opts.jobId ?? defaultJobKey(job), opts.delayMs ?? 0);
    },
    startWorker(handler, { concurrency }): QueueWorker {
      if (closed) throw new Error('The run queue is closed');
      if (worker) throw new Error('The in-process queue runs one worker; close the current one first');
      const state: WorkerState = { handler, concurrency: Math.max(1, concurrency), closing: false };
      worker = state;
      recover().then(pump, (err: unknown) =>
        logger.error({ err }, 'could not recover runs from the database'),
      );
      pump();
      return { close: (opts = {}) => closeWorker(state, opts.force ?? false) };
    },
    async ping() {
      if (closed) throw new Error('The run queue is closed');
    },
    async counts() {
      return { waiting: waiting.length, active: running.size, delayed: delayed.size, failed, completed };
    },
    async close() {
      if (worker) await closeWorker(worker, false);
      closed = true;
      for (const timer of delayed.values()) clearTimeout(timer);
      delayed.clear();
    },
  };
}
