import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendEvent,
  InvalidRunEventError,
  latestEvent,
  listEvents,
  migrate,
  type NewRunEvent,
} from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';
import { freshRunId as freshRunIdIn } from './fixtures.js';

describeEachBackend('typed run events', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  const freshRunId = () => freshRunIdIn(instance.db.pool);

  /** Writes a row as an older version did, past appendEvent's checks. */
  async function insertRaw(runId: string, type: string, message: string, data: unknown): Promise<number> {
    const result = await instance.db.pool.query<{ id: string }>(
      'INSERT INTO events (run_id, type, message, data) VALUES ($1, $2, $3, $4::jsonb) RETURNING id',
      [runId, type, message, data === null ? null : JSON.stringify(data)],
    );
    return Number(result.rows[0]?.id);
  }

  describe('appendEvent', () => {
    it('refuses an unknown type, naming it, and writes nothing', async () => {
      const runId = await freshRunId();
      // A cast is how an unknown type would get past the compiler; the schema still stops it.
      const event = { runId, type: 'step.started', message: 'plan' } as unknown as NewRunEvent;
      const refused = appendEvent(instance.db.pool, event);
      await expect(refused).rejects.toThrow(InvalidRunEventError);
      await expect(refused).rejects.toThrow("Run event type 'step.started' is unknown");
      expect(await listEvents(instance.db.pool, runId)).toEqual([]);
    });

    it('refuses data that does not fit the type, naming the type and the field, and writes nothing', async () => {
      const runId = await freshRunId();
      const event = {
        runId,
        type: 'pull_request',
        message: 'opened draft PR',
        data: { number: 'seven' },
      } as unknown as NewRunEvent;
      await expect(appendEvent(instance.db.pool, event)).rejects.toThrow(
        /Run event 'pull_request' refused: its data does not match the schema\.\n.*number/s,
      );
      expect(await listEvents(instance.db.pool, runId)).toEqual([]);
    });

    it('stores what the schema parsed and returns it as readers will read it', async () => {
      const runId = await freshRunId();
      const stored = await appendEvent(instance.db.pool, {
        runId,
        type: 'tested',
        message: '2 tests failed',
        data: { passed: false, annotations: 2, round: 1 },
      });
      expect(stored).toMatchObject({ type: 'tested', data: { passed: false, annotations: 2, round: 1 } });
      expect(await listEvents(instance.db.pool, runId)).toEqual([stored]);
    });
  });

  describe('a reader meeting rows of an older version', () => {
    it('gets them as unreadable in their place, and a cursor of one kind passes them', async () => {
      const runId = await freshRunId();
      const old = await insertRaw(runId, 'tests.failed', '2 tests failed', [{ file: 'a.test.ts' }]);
      const bad = await insertRaw(runId, 'follow_up', 'comment', { author: 'octocat' });
      const good = await appendEvent(instance.db.pool, {
        runId,
        type: 'follow_up',
        message: 'comment',
        data: { author: 'octocat', body: 'also negatives' },
      });
      const all = await listEvents(instance.db.pool, runId);
      expect(all.map((e) => [e.id, e.type])).toEqual([
        [old, 'unreadable'],
        [bad, 'unreadable'],
        [good.id, 'follow_up'],
      ]);
      expect(all[0]?.data).toMatchObject({ storedType: 'tests.failed', storedData: [{ file: 'a.test.ts' }] });
      const followUps = await listEvents(instance.db.pool, runId, { type: 'follow_up' });
      expect(followUps.map((e) => [e.id, e.type])).toEqual([
        [bad, 'unreadable'],
        [good.id, 'follow_up'],
      ]);
      expect((await latestEvent(instance.db.pool, runId, 'follow_up'))?.id).toBe(good.id);
    });
  });

  describe('migration 005', () => {
    it('renames the dotted types, gives transition events their `to` and node events their node', async () => {
      const runId = await freshRunId();
      await insertRaw(runId, 'run.started', 'run started (start)', { to: 'running' });
      await insertRaw(runId, 'run.waiting_approval', 'waiting', { to: 'waiting_approval' });
      await insertRaw(runId, 'approved', 'plan approved by @octocat', null);
      await insertRaw(runId, 'plan_revision_requested', 'plan changes', { feedback: 'Split step 2' });
      await insertRaw(runId, 'run.failed', 'abandoned', {
        reason: 'resume',
        deliveryId: null,
        error: 'boom',
      });
      await insertRaw(runId, 'node_failed', 'develop: boom', null);
      const { pool } = instance.db;
      await pool.query("DELETE FROM schema_migrations WHERE name = '005-typed-run-events.sql'");
      expect(await migrate(pool, testLogger())).toEqual(['005-typed-run-events.sql']);

      const events = await listEvents(pool, runId);
      expect(events.map((e) => [e.type, e.data])).toEqual([
        ['run_started', { to: 'running' }],
        ['run_waiting_approval', { to: 'waiting_approval' }],
        ['approved', { to: 'queued' }],
        ['plan_revision_requested', { to: 'queued', feedback: 'Split step 2' }],
        ['run_failed', { to: 'failed', reason: 'resume', deliveryId: null, error: 'boom' }],
        ['node_failed', { node: 'develop' }],
      ]);
      const indexes = await pool.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'events' AND indexname = 'events_run_type'",
      );
      expect(indexes.rows).toHaveLength(1);
    });
  });
});
