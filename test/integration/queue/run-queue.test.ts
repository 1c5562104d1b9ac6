import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createEventBus,
  createQueue,
  PermanentJobError,
  TransientJobError,
  type CreateQueueOptions,
  type EventBus,
  type LiveEvent,
  type RunJob,
  type RunQueue,
} from '../../../src/queue/index.js';
import { createRun, getRun, listEvents } from '../../../src/storage/index.js';
import { transitionRun } from '../../../src/storage/run-lifecycle/transition-run.js';
import { describeEachBackend, uniqueName, type BackendInstance } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';
import { deferred, sleep, waitFor } from '../../support/wait.js';

const BACKOFF_MS = 40;

describeEachBackend('run queue', (backend) => {
  let instance: BackendInstance;
  let bus: EventBus;
  const queues: RunQueue[] = [];
  beforeAll(async () => {
    instance = await backend.setup();
    bus = createEventBus({ redisUrl: instance.redisUrl, prefix: instance.prefix, logger: testLogger() });
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
  });
  afterAll(async () => {
    await bus.close();
    await instance.cleanup();
  });

  function openQueue(options: Partial<CreateQueueOptions> = {}): RunQueue {
    const queue = createQueue({
      redisUrl: instance.redisUrl,
      db: instance.db.pool,
      bus,
      logger: testLogger(),
      prefix: instance.prefix,
      queueName: uniqueName('runs'),
      backoffMs: BACKOFF_MS,
      ...options,
    });
    queues.push(queue);
    return queue;
  }

  async function runningRun(): Promise<string> {
    const result = await createRun(instance.db.pool, {
      repoFullName: `octo-org/${uniqueName('repo')}`,
      installationId: 1,
      issueNumber: 3,
      trigger: 'label',
      sender: 'octocat',
    });
    if (!result.created) throw new Error('expected a new run');
    await transitionRun(instance.db.pool, result.run.id, { from: ['queued'], to: 'running' });
    return result.run.id;
  }

  it(`uses the ${backend.name === 'embedded' ? 'memory' : 'bullmq'} implementation`, () => {
    expect(openQueue().kind).toBe(backend.name === 'embedded' ? 'memory' : 'bullmq');
  });

  describe('a job enqueued twice', () => {
    it('is processed once', async () => {
      const queue = openQueue();
      const job: RunJob = { runId: randomUUID(), reason: 'start', deliveryId: 'delivery-1' };
      await queue.enqueue(job);
      await queue.enqueue(job);
      const seen: RunJob[] = [];
      queue.startWorker(
        async (j) => {
          seen.push(j);
          await queue.enqueue(job);
        },
        { concurrency: 2 },
      );
      await waitFor('the job to run', () => seen.length > 0);
      await sleep(200);
      expect(seen).toEqual([job]);
    });

    it('is ignored while waiting even for different deliveries, which the one job then handles', async () => {
      const queue = openQueue();
      const runId = randomUUID();
      await queue.enqueue({ runId, reason: 'feedback', deliveryId: 'a' });
      await queue.enqueue({ runId, reason: 'feedback', deliveryId: 'b' });
      const seen: string[] = [];
      queue.startWorker(async (j) => void seen.push(j.deliveryId ?? ''), { concurrency: 1 });
      await waitFor('the job to run', () => seen.length > 0);
      await sleep(200);
      expect(seen).toEqual(['a']);
    });
  });

  describe('news for a run whose job is active', () => {
    it('runs once more after the active job, however many copies arrive', async () => {
      const queue = openQueue();
      const runId = randomUUID();
      const seen: string[] = [];
      queue.startWorker(
        async (j) => {
          seen.push(j.deliveryId ?? '');
          if (seen.length === 1) {
            await queue.enqueue({ runId, reason: 'resume', deliveryId: 'approval' });
            await queue.enqueue({ runId, reason: 'resume', deliveryId: 'reply' });
            await sleep(100);
          }
        },
        { concurrency: 2 },
      );
      await queue.enqueue({ runId, reason: 'resume', deliveryId: 'first' });
      await waitFor('the second pass', () => seen.length === 2);
      await sleep(200);
      expect(seen).toEqual(['first', 'reply']);
    });
  });

  describe('a handler that throws TransientJobError', () => {
    it('is retried with doubling backoff and then succeeds', async () => {
      const queue = openQueue();
      const tries: Array<{ attempt: number; at: number }> = [];
      queue.startWorker(
        async (_job, { attempt }) => {
          tries.push({ attempt, at: Date.now() });
          if (attempt < 3) throw new TransientJobError('rate limited');
        },
        { concurrency: 1 },
      );
      await queue.enqueue({ runId: randomUUID(), reason: 'start' });
      await waitFor('the third try', async () => (await queue.counts()).completed === 1);
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
      const [first, second, third] = tries.map((t) => t.at);
      expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(BACKOFF_MS - 5);
      expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(2 * BACKOFF_MS - 5);
    });
  });

  describe('a job that fails for good', () => {
    it('is not retried after a PermanentJobError, and its run is marked failed where its watchers see it', async () => {
      const queue = openQueue();
      const runId = await runningRun();
      const seen: LiveEvent[] = [];
      const unsubscribe = await bus.subscribe((event) => {
        if (event.runId === runId) seen.push(event);
      });
      let calls = 0;
      queue.startWorker(
        async () => {
          calls += 1;
          throw new PermanentJobError('pipeline.yml is invalid');
        },
        { concurrency: 1 },
      );
      await queue.enqueue({ runId, reason: 'start' });
      await waitFor(
        'the run to fail',
        async () => (await getRun(instance.db.pool, runId))?.status === 'failed',
      );
      await sleep(4 * BACKOFF_MS);
      expect(calls).toBe(1);
      expect((await getRun(instance.db.pool, runId))?.error).toBe('pipeline.yml is invalid');
      expect((await queue.counts()).failed).toBe(1);
      await waitFor('the failure to reach a watcher of the run', () => seen.length > 0);
      await unsubscribe();
      expect(seen).toEqual([
        expect.objectContaining({ runId, type: 'run_failed', message: 'pipeline.yml is invalid' }),
      ]);
    });

    it('marks its run failed once the attempts run out, with the raw error in its events only', async () => {
      const queue = openQueue({ attempts: 2 });
      const runId = await runningRun();
      let calls = 0;
      queue.startWorker(
        async () => {
          calls += 1;
          throw new Error('socket hang up');
        },
        { concurrency: 1 },
      );
      await queue.enqueue({ runId, reason: 'resume' });
      await waitFor(
        'the run to fail',
        async () => (await getRun(instance.db.pool, runId))?.status === 'failed',
      );
      expect(calls).toBe(2);
      const run = await getRun(instance.db.pool, runId);
      expect(run?.error).toContain('comment `/pipeline retry`');
      expect(run?.error).not.toContain('socket hang up');
      const events = await listEvents(instance.db.pool, runId);
      expect(events.find((e) => e.type === 'run_failed')?.data).toMatchObject({ error: 'socket hang up' });
    });
  });

  describe('a worker closed gracefully', () => {
    it('waits for the active job to finish', async () => {
      const queue = openQueue();
      const started = deferred();
      let finished = false;
      let aborted = false;
      const worker = queue.startWorker(
        async (_job, { signal }) => {
          started.resolve();
          await sleep(300);
          aborted = signal.aborted;
          finished = true;
        },
        { concurrency: 1 },
      );
      await queue.enqueue({ runId: randomUUID(), reason: 'start' });
      await started.promise;
      await worker.close();
      expect(finished).toBe(true);
      expect(aborted).toBe(false);
      expect((await queue.counts()).active).toBe(0);
    });
  });

  describe('a worker closed with force', () => {
    it('aborts the active job without waiting, and the job runs again on the next worker', async () => {
      const queue = openQueue({ lockDurationMs: 1000, stalledIntervalMs: 300 });
      const started = deferred();
      let abortedFirst = false;
      const first = queue.startWorker(
        (_job, { signal }) =>
          new Promise<void>((_resolve, reject) => {
            started.resolve();
            signal.addEventListener('abort', () => {
              abortedFirst = true;
              reject(new TransientJobError('worker closed'));
            });
          }),
        { concurrency: 1 },
      );
      const job: RunJob = { runId: randomUUID(), reason: 'resume' };
      await queue.enqueue(job);
      await started.promise;
      await first.close({ force: true });
      expect(abortedFirst).toBe(true);

      const seen: RunJob[] = [];
      queue.startWorker(async (j) => void seen.push(j), { concurrency: 1 });
      await waitFor('the handed-back job', () => seen.length > 0, 10_000);
      expect(seen).toEqual([job]);
    });
  });

  describe('with concurrency 2', () => {
    it('runs two jobs at once', async () => {
      const queue = openQueue();
      let active = 0;
      let peak = 0;
      queue.startWorker(
        async () => {
          active += 1;
          peak = Math.max(peak, active);
          await sleep(150);
          active -= 1;
        },
        { concurrency: 2 },
      );
      await Promise.all([1, 2, 3].map(() => queue.enqueue({ runId: randomUUID(), reason: 'start' })));
      await waitFor('three jobs', async () => (await queue.counts()).completed === 3);
      expect(peak).toBe(2);
    });
  });
});
