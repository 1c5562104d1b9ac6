import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendEvent, createRun, latestEvent, listEvents } from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { newRun } from './fixtures.js';

describeEachBackend('reading one kind of event with a cursor', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  it('returns only the events of that kind after the cursor, and the newest of a kind', async () => {
    const { pool } = instance.db;
    const created = await createRun(pool, newRun());
    if (!created.created) throw new Error('expected a new run');
    const runId = created.run.id;
    const add = (type: string, message: string) => appendEvent(pool, { runId, type, message });
    const first = await add('follow_up', 'first');
    await add('step.started', 'develop');
    const taken = await add('follow_ups_taken', 'took the first');
    const second = await add('follow_up', 'second');
    await add('step.finished', 'develop');

    const after = await listEvents(pool, runId, { afterId: first.id, type: 'follow_up' });
    expect(after.map((e) => e.message)).toEqual(['second']);
    expect((await listEvents(pool, runId, { type: 'follow_up' })).map((e) => e.id)).toEqual([
      first.id,
      second.id,
    ]);
    expect((await latestEvent(pool, runId, 'follow_ups_taken'))?.id).toBe(taken.id);
    expect(await latestEvent(pool, runId, 'review_feedback')).toBeUndefined();
  });
});
