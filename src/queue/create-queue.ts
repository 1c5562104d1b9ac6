import type pg from 'pg';
import type { Logger } from '../monitoring/logger.js';
import { createBullmqQueue, type BullmqQueueOptions } from './bullmq-queue.js';
import type { EventBus } from './live-event.js';
import { createMemoryQueue } from './memory-queue.js';
import type { RetryOptions, RunQueue } from './types.js';

export interface CreateQueueOptions
  extends
    RetryOptions,
    Pick<BullmqQueueOptions, 'queueName' | 'prefix' | 'stalledIntervalMs' | 'lockDurationMs'> {
  /** With it, BullMQ on Redis (many processes); without it, the in-process queue (one process). */
  redisUrl?: string;
  db: pg.Pool;
  /** Where a run abandoned by its job is published live. */
  bus: EventBus;
  logger: Logger;
}

export function createQueue({ redisUrl, db, bus, logger, ...rest }: CreateQueueOptions): RunQueue {
  if (redisUrl) return createBullmqQueue({ redisUrl, db, bus, logger, ...rest });
  return createMemoryQueue({ db, bus, logger, attempts: rest.attempts, backoffMs: rest.backoffMs });
}
