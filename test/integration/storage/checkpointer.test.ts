import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';

describeEachBackend('LangGraph checkpointer on the run database', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  it('sets up its tables and round-trips a checkpoint over the shared pool', async () => {
    const saver = new PostgresSaver(instance.db.pool);
    await saver.setup();
    await saver.setup();
    const config = { configurable: { thread_id: 'run-1', checkpoint_ns: '' } };
    const checkpoint = {
      v: 4,
      id: '1ef4f797-8335-6428-8001-8a1503f9b875',
      ts: new Date().toISOString(),
      channel_values: { plan: 'add a toggle' },
      channel_versions: { plan: 1 },
      versions_seen: {},
    };
    await saver.put(config, checkpoint, { source: 'input', step: -1, parents: {} }, { plan: 1 });
    const saved = await saver.getTuple(config);
    expect(saved?.checkpoint.channel_values).toEqual({ plan: 'add a toggle' });
    expect(instance.db.pool.totalCount).toBeLessThanOrEqual(backend.name === 'embedded' ? 1 : 10);
  });
});
