import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createBullmqQueue, type RunJob } from '../../../src/queue/index.js';
import { deleteRedisKeys, describeWithRedis, uniqueName } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';
import { waitFor } from '../../support/wait.js';

const CHILD = fileURLToPath(new URL('../../support/bullmq-worker-child.ts', import.meta.url));
const LOCK_MS = 1000;
const STALLED_MS = 300;

describeWithRedis('BullMQ worker killed mid-job', (redisUrl) => {
  const prefix = uniqueName('pipeline_test');
  const queueName = uniqueName('runs');
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await deleteRedisKeys(redisUrl, prefix);
  });

  it('leaves its job to another worker after the stall interval', async () => {
    const queue = createBullmqQueue({
      redisUrl,
      prefix,
      queueName,
      lockDurationMs: LOCK_MS,
      stalledIntervalMs: STALLED_MS,
      logger: testLogger(),
    });
    try {
      const job: RunJob = { runId: randomUUID(), reason: 'start' };
      await queue.enqueue(job);

      const messages: Array<{ type: string; runId?: string }> = [];
      child = fork(CHILD, [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          CHILD_REDIS_URL: redisUrl,
          CHILD_QUEUE_NAME: queueName,
          CHILD_PREFIX: prefix,
          CHILD_LOCK_MS: String(LOCK_MS),
          CHILD_STALLED_MS: String(STALLED_MS),
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (m: { type: string; runId?: string }) => messages.push(m));
      await waitFor(
        'the child worker to take the job',
        () => messages.some((m) => m.type === 'started'),
        15_000,
      );
      expect(messages.find((m) => m.type === 'started')?.runId).toBe(job.runId);
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      const seen: RunJob[] = [];
      queue.startWorker(async (j) => void seen.push(j), { concurrency: 1 });
      await waitFor('the job to be picked up again', () => seen.length > 0, 10_000);
      expect(seen).toEqual([job]);
    } finally {
      await queue.close();
    }
  });
});
