/**
 * A BullMQ worker in its own process, for the stalled-job test: it takes one job, reports it to the
 * parent over IPC, and hangs until the parent kills it with SIGKILL.
 */
import { createBullmqQueue } from '../../src/queue/index.js';
import { testLogger } from './test-logger.js';

const { CHILD_REDIS_URL, CHILD_QUEUE_NAME, CHILD_PREFIX, CHILD_LOCK_MS, CHILD_STALLED_MS } = process.env;
if (!CHILD_REDIS_URL || !CHILD_QUEUE_NAME || !CHILD_PREFIX || !process.send) {
  throw new Error(
    'bullmq-worker-child needs CHILD_REDIS_URL, CHILD_QUEUE_NAME, CHILD_PREFIX and an IPC channel',
  );
}
const send = process.send.bind(process);

const queue = createBullmqQueue({
  redisUrl: CHILD_REDIS_URL,
  queueName: CHILD_QUEUE_NAME,
  prefix: CHILD_PREFIX,
  lockDurationMs: Number(CHILD_LOCK_MS ?? 1000),
  // Workers share the stalled-check rate limit in Redis, so every worker must use the same interval.
  stalledIntervalMs: Number(CHILD_STALLED_MS ?? 300),
  logger: testLogger(),
});
queue.startWorker(
  (job) => {
    send({ type: 'started', runId: job.runId });
    return new Promise<void>(() => undefined);
  },
  { concurrency: 1 },
);
send({ type: 'ready' });
