import { afterAll, afterEach, expect, it } from 'vitest';
import { createIssueLocks, issueLockKey, type IssueLocks } from '../../../src/queue/index.js';
import { deleteRedisKeys, describeEachBackend, uniqueName } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';
import { sleep } from '../../support/wait.js';

describeEachBackend('per-issue lock', (backend) => {
  const prefix = uniqueName('pipeline_test');
  const opened: IssueLocks[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });
  afterAll(async () => {
    if (backend.redisUrl) await deleteRedisKeys(backend.redisUrl, prefix);
  });

  function open(): IssueLocks {
    const locks = createIssueLocks({ redisUrl: backend.redisUrl, prefix, logger: testLogger() });
    opened.push(locks);
    return locks;
  }

  it('is held by one holder at a time and free again after release', async () => {
    const locks = open();
    const key = issueLockKey('Octo-Org/Repo', uniqueName('issue').length);
    const release = await locks.acquireIssueLock(key, 5_000);
    expect(release).not.toBeNull();
    expect(await locks.acquireIssueLock(key, 5_000)).toBeNull();
    await release?.();
    const again = await locks.acquireIssueLock(key, 5_000);
    expect(again).not.toBeNull();
    await again?.();
  });

  it('expires, and a late release does not free the next holder', async () => {
    const locks = open();
    const key = uniqueName('issue');
    const stale = await locks.acquireIssueLock(key, 50);
    await sleep(120);
    const fresh = await locks.acquireIssueLock(key, 5_000);
    expect(fresh).not.toBeNull();
    await stale?.();
    expect(await locks.acquireIssueLock(key, 5_000)).toBeNull();
    await fresh?.();
  });
});
