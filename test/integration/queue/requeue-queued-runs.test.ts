import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  createEventBus,
  createQueue,
  requeueQueuedRuns,
  type EventBus,
  type RunJob,
  type RunQueue,
} from '../../../src/queue/index.js';
import { applyTransition, createRun, type RunTransitionName } from '../../../src/storage/index.js';
import { describeEachBackend, uniqueName, type BackendInstance } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';
import { sleep, waitFor } from '../../support/wait.js';

/** What the app writes with each transition used here. */
const DATA: Partial<Record<RunTransitionName, { data: Record<string, unknown> }>> = {
  reopen_for_review: { data: { kind: 'review', author: 'octocat', body: 'Rename it.' } },
};

describeEachBackend('a queued run whose job was lost', (backend) => {
  let instance: BackendInstance;
  let bus: EventBus;
  let queue: RunQueue | undefined;
  beforeAll(async () => {
    instance = await backend.setup();
    bus = createEventBus({ redisUrl: instance.redisUrl, prefix: instance.prefix, logger: testLogger() });
  });
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
  });
  afterAll(async () => {
    await bus.close();
    await instance.cleanup();
  });

  /** A run moved through `transitions` from its first `queued`, as the app would have moved it. */
  async function runThrough(transitions: RunTransitionName[]): Promise<string> {
    const created = await createRun(instance.db.pool, {
      repoFullName: `octo-org/${uniqueName('repo')}`,
      installationId: 1,
      issueNumber: 5,
      trigger: 'label',
      sender: 'octocat',
    });
    if (!created.created) throw new Error('expected a new run');
    for (const name of transitions) {
      const applied = await applyTransition(instance.db.pool, created.run.id, name, {
        actor: 'octocat',
        message: name,
        ...DATA[name],
      });
      if (!applied) throw new Error(`${name} was refused`);
    }
    return created.run.id;
  }

  it('gets the job its last transition called for, once, however often the workers reconcile', async () => {
    const runs = {
      start: await runThrough([]),
      resume: await runThrough(['start', 'wait_for_approval', 'approve']),
      retry: await runThrough(['start', 'fail', 'retry']),
      feedback: await runThrough(['start', 'succeed', 'reopen_for_review']),
    };
    // A run that is not queued any more is left alone.
    const ended = await runThrough(['start', 'succeed']);

    const taken: RunJob[] = [];
    queue = createQueue({
      redisUrl: instance.redisUrl,
      prefix: instance.prefix,
      queueName: uniqueName('runs'),
      db: instance.db.pool,
      bus,
      logger: testLogger(),
    });
    await requeueQueuedRuns(instance.db.pool, queue, testLogger(), 0);
    await requeueQueuedRuns(instance.db.pool, queue, testLogger(), 0);
    queue.startWorker(
      async (job) => {
        taken.push(job);
      },
      { concurrency: 1 },
    );
    const ours = () => taken.filter((job) => Object.values(runs).includes(job.runId));
    await waitFor('a job for every queued run', () => ours().length >= 4);
    await sleep(300);
    expect(Object.fromEntries(ours().map((job) => [job.reason, job.runId]))).toEqual(runs);
    expect(ours()).toHaveLength(4);
    expect(taken.some((job) => job.runId === ended)).toBe(false);
  });
});
