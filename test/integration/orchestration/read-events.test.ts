import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalDecision } from '../../../src/orchestration/approval-decision.js';
import { untakenEvents } from '../../../src/orchestration/read-events.js';
import { appendEvent } from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { freshRunId as freshRunIdIn } from '../storage/fixtures.js';

describeEachBackend('orchestration reading the timeline', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  const freshRunId = () => freshRunIdIn(instance.db.pool);

  async function insertRaw(runId: string, type: string, data: unknown): Promise<number> {
    const result = await instance.db.pool.query<{ id: string }>(
      'INSERT INTO events (run_id, type, message, data) VALUES ($1, $2, $3, $4::jsonb) RETURNING id',
      [runId, type, 'written by an older version', JSON.stringify(data)],
    );
    return Number(result.rows[0]?.id);
  }

  describe('follow-ups not yet delivered', () => {
    it('pass over a row no schema accepts, and move the cursor past it', async () => {
      const runId = await freshRunId();
      const { pool } = instance.db;
      const good = await appendEvent(pool, {
        runId,
        type: 'follow_up',
        message: 'comment',
        data: { author: 'octocat', body: 'also negatives' },
      });
      const broken = await insertRaw(runId, 'follow_up', { author: 'octocat' });

      const untaken = await untakenEvents(pool, runId, 'follow_up', 'follow_up_delivered');
      expect(untaken.events.map((e) => e.data.body)).toEqual(['also negatives']);
      expect(untaken.upTo).toBe(broken);
      expect(good.id).toBeLessThan(broken);
    });
  });

  describe('the approval decision', () => {
    it('ignores an unreadable row and finds the decision before it', async () => {
      const runId = await freshRunId();
      const { pool } = instance.db;
      await appendEvent(pool, {
        runId,
        type: 'run_waiting_approval',
        message: 'waiting',
        data: { to: 'waiting_approval' },
      });
      await appendEvent(pool, {
        runId,
        type: 'plan_revision_requested',
        message: 'plan changes',
        data: { to: 'queued', feedback: 'Split step 2' },
      });
      await insertRaw(runId, 'plan_revision_requested', { feedback: '' });
      await insertRaw(runId, 'approved.v0', {});
      expect(await approvalDecision(pool, runId)).toEqual({ decision: 'revise', feedback: 'Split step 2' });
    });
  });
});
