import { afterAll, beforeAll, expect, it } from 'vitest';
import { requestIndex, takeIndexRequests } from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';

describeEachBackend('index requests', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  it('keep only the newest commit per repository, and are taken once', async () => {
    const db = instance.db.pool;
    await requestIndex(db, { repoFullName: 'acme/a', installationId: 1, commit: 'aaa' });
    await requestIndex(db, { repoFullName: 'acme/a', installationId: 1, commit: 'bbb' });
    await requestIndex(db, { repoFullName: 'acme/b', installationId: 1, commit: 'HEAD' });
    const [first, second] = await Promise.all([takeIndexRequests(db, 10), takeIndexRequests(db, 10)]);
    const taken = [...(first ?? []), ...(second ?? [])].map((r) => `${r.repoFullName}@${r.commit}`).sort();
    expect(taken).toEqual(['acme/a@bbb', 'acme/b@HEAD']);
    expect(await takeIndexRequests(db, 10)).toEqual([]);
  });
});
