import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';

describeEachBackend('database migrations', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup({ migrate: false });
  });
  afterAll(() => instance.cleanup());

  describe('on a fresh database', () => {
    it('apply every migration once, even when two processes start together', async () => {
      const logger = testLogger();
      const [a, b] = await Promise.all([
        migrate(instance.db.pool, logger),
        migrate(instance.db.pool, logger),
      ]);
      expect([...a, ...b]).toEqual(['001-initial.sql']);
      const tables = await instance.db.pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'audit_log',
        'events',
        'runs',
        'schema_migrations',
        'steps',
        'webhook_deliveries',
      ]);
    });

    it('do nothing when run again', async () => {
      expect(await migrate(instance.db.pool, testLogger())).toEqual([]);
      const recorded = await instance.db.pool.query<{ name: string }>('SELECT name FROM schema_migrations');
      expect(recorded.rows).toEqual([{ name: '001-initial.sql' }]);
    });
  });
});
