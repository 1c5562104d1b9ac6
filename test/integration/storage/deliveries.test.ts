import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordDelivery } from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';

describeEachBackend('webhook delivery dedup', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup({ persistent: true });
  });
  afterAll(() => instance.cleanup());

  it('accepts a delivery once and refuses the redelivery, even after the database is reopened', async () => {
    const deliveryId = randomUUID();
    expect(await recordDelivery(instance.db.pool, { deliveryId, event: 'issues' })).toBe(true);
    expect(await recordDelivery(instance.db.pool, { deliveryId, event: 'issues' })).toBe(false);

    const reopened = await instance.reopen();
    expect(await recordDelivery(reopened.pool, { deliveryId, event: 'issues' })).toBe(false);
    expect(await recordDelivery(reopened.pool, { deliveryId: randomUUID(), event: 'issues' })).toBe(true);
  });

  it('records racing copies of one delivery exactly once', async () => {
    const deliveryId = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        recordDelivery(instance.db.pool, { deliveryId, event: 'issue_comment' }),
      ),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });
});
