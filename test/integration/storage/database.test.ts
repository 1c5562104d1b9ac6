import { randomBytes, randomUUID } from 'node:crypto';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listAudit,
  MEMORY_DATA_DIR,
  migrate,
  openDatabase,
  recordDelivery,
  recordReplayRefusal,
} from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';

const MIGRATIONS = [
  '001-initial.sql',
  '002-index-requests.sql',
  '003-time-ordered-run-ids.sql',
  '004-replay-guards.sql',
  '005-typed-run-events.sql',
  '006-runs-by-repo.sql',
  '007-usage-by-model.sql',
  '008-run-start-keys.sql',
  '009-deploys.sql',
  '010-deploys-of-issue-runs.sql',
  '011-deploy-workflow-runs.sql',
];

describeEachBackend('the run database', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup({ migrate: false });
  });
  afterAll(() => instance.cleanup());

  describe('migrations', () => {
    it('apply every migration once, even when two processes start together', async () => {
      const logger = testLogger();
      const [a, b] = await Promise.all([
        migrate(instance.db.pool, logger),
        migrate(instance.db.pool, logger),
      ]);
      expect([...a, ...b]).toEqual(MIGRATIONS);
      const tables = await instance.db.pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'audit_log',
        'deploy_locks',
        'deploy_requests',
        'deployments',
        'events',
        'index_requests',
        'run_start_keys',
        'run_usage',
        'runs',
        'schema_migrations',
        'steps',
        'webhook_deliveries',
      ]);
    });

    it('do nothing when run again', async () => {
      expect(await migrate(instance.db.pool, testLogger())).toEqual([]);
      const recorded = await instance.db.pool.query<{ name: string }>(
        'SELECT name FROM schema_migrations ORDER BY name',
      );
      expect(recorded.rows).toEqual(MIGRATIONS.map((name) => ({ name })));
    });
  });

  describe('webhook delivery dedup', () => {
    it('accepts a delivery once and refuses the redelivery, even after the database is reopened', async () => {
      const deliveryId = randomUUID();
      expect(await recordDelivery(instance.db.pool, { deliveryId, event: 'issues' })).toBe(true);
      expect(await recordDelivery(instance.db.pool, { deliveryId, event: 'issues' })).toBe(false);

      const reopened = await instance.reopen();
      expect(await recordDelivery(reopened.pool, { deliveryId, event: 'issues' })).toBe(false);
      expect(await recordDelivery(reopened.pool, { deliveryId: randomUUID(), event: 'issues' })).toBe(true);
    });

    it('refuses the same signed body under another delivery id, and audits that replay', async () => {
      const { pool } = instance.db;
      const bodyDigest = randomBytes(32).toString('hex');
      const first = randomUUID();
      expect(await recordDelivery(pool, { deliveryId: first, event: 'issue_comment', bodyDigest })).toBe(
        true,
      );
      const replay = {
        deliveryId: randomUUID(),
        event: 'issue_comment.created',
        bodyDigest,
        claimedSender: 'maria',
        repoFullName: 'acme/widgets',
        issueNumber: 7,
      };
      expect(await recordDelivery(pool, { ...replay })).toBe(false);
      expect(await recordReplayRefusal(pool, replay)).toBe(true);
      const [audited] = await listAudit(pool, { repo: 'acme/widgets', limit: 1 });
      expect(audited).toMatchObject({
        actor: 'unknown',
        action: 'trigger.replay_refused',
        issueNumber: 7,
        deliveryId: replay.deliveryId,
        detail: { event: 'issue_comment.created', claimedSender: 'maria', sameBodyAs: first },
      });

      // GitHub's own redelivery keeps the delivery id: a duplicate, not a replay.
      expect(await recordDelivery(pool, { deliveryId: first, event: 'issue_comment', bodyDigest })).toBe(
        false,
      );
      expect(await recordReplayRefusal(pool, { ...replay, deliveryId: first })).toBe(false);
      // Another body is another delivery.
      const other = randomBytes(32).toString('hex');
      expect(
        await recordDelivery(pool, { deliveryId: randomUUID(), event: 'issues', bodyDigest: other }),
      ).toBe(true);
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

  describe('LangGraph checkpointer', () => {
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
      expect(instance.db.pool.options.max).toBe(backend.name === 'embedded' ? 1 : 10);
    });
  });
});

describe('the embedded database in memory (for tests)', () => {
  it('opens migrated, serves one pooled connection, and closes', async () => {
    const db = await openDatabase({ dataDir: MEMORY_DATA_DIR, logger: testLogger() });
    try {
      expect(db.kind).toBe('pglite');
      expect(db.connectionString).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres/);
      expect(db.pool.options.max).toBe(1);
      const applied = await db.pool.query<{ name: string }>(
        'SELECT name FROM schema_migrations ORDER BY name',
      );
      expect(applied.rows).toEqual(MIGRATIONS.map((name) => ({ name })));
    } finally {
      await db.close();
    }
  });
});
