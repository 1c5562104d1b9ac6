import { afterAll, afterEach, expect, it } from 'vitest';
import { createEventBus, type EventBus, type LiveEvent } from '../../../src/queue/index.js';
import { deleteRedisKeys, describeEachBackend, uniqueName } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';
import { sleep, waitFor } from '../../support/wait.js';

describeEachBackend('live event bus', (backend) => {
  const prefix = uniqueName('pipeline_test');
  const buses: EventBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    if (backend.redisUrl) await deleteRedisKeys(backend.redisUrl, prefix);
  });

  /** Two processes' buses over Redis; one shared bus in-process. */
  function openPair(): [EventBus, EventBus] {
    const open = () => {
      const bus = createEventBus({ redisUrl: backend.redisUrl, prefix, logger: testLogger() });
      buses.push(bus);
      return bus;
    };
    const first = open();
    return [first, backend.redisUrl ? open() : first];
  }

  let nextId = 1;
  const event = (message: string): LiveEvent => ({
    id: nextId++,
    runId: 'run-1',
    type: 'node_started',
    message,
    data: { node: 'plan' },
    at: new Date().toISOString(),
  });

  it('delivers a published event to every subscriber, and none after unsubscribing', async () => {
    const [publisher, subscriber] = openPair();
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    const unsubscribeA = await subscriber.subscribe((e) => a.push(e));
    await subscriber.subscribe((e) => b.push(e));

    await publisher.publish(event('Planning started'));
    await waitFor('both subscribers', () => a.length === 1 && b.length === 1);
    expect(a[0]).toMatchObject({
      runId: 'run-1',
      type: 'node_started',
      message: 'Planning started',
      data: { node: 'plan' },
    });

    await unsubscribeA();
    await publisher.publish(event('Planning finished'));
    await waitFor('the remaining subscriber', () => b.length === 2);
    await sleep(50);
    expect(a).toHaveLength(1);
  });

  it('keeps delivering to others when one subscriber throws', async () => {
    const [publisher, subscriber] = openPair();
    const got: string[] = [];
    await subscriber.subscribe(() => {
      throw new Error('broken dashboard client');
    });
    await subscriber.subscribe((e) => got.push(e.message));
    await publisher.publish(event('still here'));
    await waitFor('the healthy subscriber', () => got.length === 1);
  });
});
