import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMemoryQueue, type RunJob } from '../../../src/queue/index.js';
import { createRun, type RunStatus } from '../../../src/storage/index.js';
import { transitionRun } from '../../../src/storage/run-lifecycle/transition-run.js';
import { describeEachBackend, uniqueName, type BackendInstance } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';
import { sleep, waitFor } from '../../support/wait.js';

describeEachBackend('in-process queue after a restart', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  async function runIn(status: RunStatus): Promise<string> {
    const result = await createRun(instance.db.pool, {
      repoFullName: `octo-org/${uniqueName('repo')}`,
      installationId: 1,
      issueNumber: 1,
      trigger: 'label',
      sender: 'octocat',
    });
    if (!result.created) throw new Error('expected a new run');
    if (status !== 'queued') {
      await transitionRun(instance.db.pool, result.run.id, { from: ['queued'], to: status });
    }
    return result.run.id;
  }

  it('resumes the runs the previous process left queued or running, and no others', async () => {
    const queued = await runIn('queued');
    const running = await runIn('running');
    await runIn('waiting_approval');
    await runIn('succeeded');
    const alreadyEnqueued = await runIn('queued');

    const queue = createMemoryQueue({ db: instance.db.pool, logger: testLogger() });
    await queue.enqueue({ runId: alreadyEnqueued, reason: 'start' });
    const seen: RunJob[] = [];
    queue.startWorker(async (job) => void seen.push(job), { concurrency: 2 });
    await waitFor('three jobs', () => seen.length >= 3);
    await sleep(100);
    await queue.close();

    expect(seen).toHaveLength(3);
    expect(seen).toEqual(
      expect.arrayContaining([
        // The job their last transition called for: none queued them again, so the one of a new run.
        { runId: queued, reason: 'start' },
        { runId: running, reason: 'start' },
        { runId: alreadyEnqueued, reason: 'start' },
      ]),
    );
  });
});
