import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  appendEvent,
  createRun,
  latestEvent,
  listEvents,
  type RunEventBodyInput,
} from '../../../src/storage/index.js';
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
    const add = (message: string, body: RunEventBodyInput) => appendEvent(pool, { runId, message, ...body });
    const followUp = (body: string): RunEventBodyInput => ({
      type: 'follow_up',
      data: { author: 'octocat', body },
    });
    const first = await add('first', followUp('first'));
    await add('develop', { type: 'node_started', data: { node: 'develop' } });
    const taken = await add('took the first', { type: 'follow_up_delivered', data: { upTo: first.id } });
    const second = await add('second', followUp('second'));
    await add('develop', { type: 'node_finished', data: { node: 'develop' } });

    const after = await listEvents(pool, runId, { afterId: first.id, type: 'follow_up' });
    expect(after.map((e) => e.message)).toEqual(['second']);
    expect((await listEvents(pool, runId, { type: 'follow_up' })).map((e) => e.id)).toEqual([
      first.id,
      second.id,
    ]);
    expect((await latestEvent(pool, runId, 'follow_up_delivered'))?.id).toBe(taken.id);
    expect(await latestEvent(pool, runId, 'review_feedback')).toBeUndefined();
  });
});
