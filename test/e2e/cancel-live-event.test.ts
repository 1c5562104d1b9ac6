import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { LiveEvent } from '../../src/queue/index.js';
import { waitFor } from '../support/wait.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { labelNewIssue } from './scripts/steering.js';

const CHILD = fileURLToPath(new URL('../support/event-bus-child.ts', import.meta.url));
type ChildMessage = { type: 'subscribed' } | { type: 'event'; event: LiveEvent };

const services = inject('services');

describe('a /pipeline cancel written on GitHub', () => {
  let h: Harness | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    child = undefined;
    await h?.close();
    h = undefined;
  });

  /** A queued run nobody works on (no worker), cancelled by the maintainer; returns the run. */
  async function cancelQueuedRun(harness: Harness) {
    const issue = await labelNewIssue(harness);
    const run = await harness.waitForRun(issue, ['queued']);
    await harness.github.postComment(REPO, issue, '/pipeline cancel', { by: MAINTAINER });
    await harness.waitForRun(issue, ['cancelled']);
    return run;
  }

  it('reaches a subscriber of the live events in the same process [embedded]', async () => {
    const harness = await startHarness({ worker: false });
    h = harness;
    const seen: LiveEvent[] = [];
    await harness.app.core.bus.subscribe((event) => void seen.push(event));

    const run = await cancelQueuedRun(harness);

    await waitFor('the cancel on the bus', () => seen.some((e) => e.type === 'cancel_requested'));
    expect(seen.find((e) => e.type === 'cancel_requested')).toMatchObject({
      runId: run.id,
      message: `cancelled by @${MAINTAINER}`,
      data: { to: 'cancelled' },
    });
  });

  it.skipIf(!services.redis.available || !services.postgres.available)(
    'reaches a subscriber of the live events in another process [postgres+redis]',
    async () => {
      const harness = await startHarness({ backend: 'postgres+redis', worker: false });
      h = harness;
      const messages: ChildMessage[] = [];
      child = fork(CHILD, [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          CHILD_REDIS_URL: harness.settings.REDIS_URL ?? '',
          CHILD_PREFIX: harness.settings.PIPELINE_REDIS_PREFIX,
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (m: ChildMessage) => messages.push(m));
      await waitFor('the other process to subscribe', () => messages.some((m) => m.type === 'subscribed'));

      const run = await cancelQueuedRun(harness);

      const cancelIn = () =>
        messages.flatMap((m) => (m.type === 'event' && m.event.type === 'cancel_requested' ? [m.event] : []));
      await waitFor('the cancel in the other process', () => cancelIn().length > 0);
      expect(cancelIn()).toEqual([
        expect.objectContaining({
          runId: run.id,
          message: `cancelled by @${MAINTAINER}`,
          data: { to: 'cancelled' },
        }),
      ]);
    },
  );
});
