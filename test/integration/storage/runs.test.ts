import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addRunUsage,
  createRun,
  findActiveRun,
  findLatestRun,
  findRunByPullRequest,
  getRun,
  listRuns,
  listRunsByStatus,
  updateRun,
  withTransaction,
  type Run,
} from '../../../src/storage/index.js';
import { transitionRun } from '../../../src/storage/run-lifecycle/transition-run.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { newRun } from './fixtures.js';

async function createdRun(
  instance: BackendInstance,
  overrides: Parameters<typeof newRun>[0] = {},
): Promise<Run> {
  const result = await createRun(instance.db.pool, newRun(overrides));
  if (!result.created) throw new Error('expected a new run');
  return result.run;
}

describeEachBackend('runs', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  describe('createRun for an issue', () => {
    it('creates exactly one run when requests race, and hands the others the active run', async () => {
      const request = newRun();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => createRun(instance.db.pool, request)),
      );
      const created = results.filter((r) => r.created);
      expect(created).toHaveLength(1);
      const runId = created[0]?.created ? created[0].run.id : '';
      for (const r of results.filter((x) => !x.created)) {
        expect(r.created ? '' : r.activeRun.id).toBe(runId);
      }
      const run = await getRun(instance.db.pool, runId);
      expect(run).toMatchObject({
        status: 'queued',
        issueTitle: 'Add a dark mode toggle',
        installationId: 42,
      });
    });

    it('allows a new run once the previous one has finished', async () => {
      const first = await createdRun(instance);
      await transitionRun(instance.db.pool, first.id, { from: ['queued'], to: 'cancelled' });
      const second = await createRun(instance.db.pool, newRun({ repoFullName: first.repoFullName }));
      expect(second.created).toBe(true);
      expect((await findLatestRun(instance.db.pool, first.repoFullName, 7))?.id).toBe(
        second.created ? second.run.id : '',
      );
    });
    it('answers with the active run inside a transaction without aborting it', async () => {
      const first = await createdRun(instance);
      const answer = await withTransaction(instance.db.pool, async (tx) => {
        const again = await createRun(tx, newRun({ repoFullName: first.repoFullName }));
        await updateRun(tx, first.id, { instructions: 'also support high contrast' });
        return again;
      });
      expect(answer.created ? '' : answer.activeRun.id).toBe(first.id);
      expect((await getRun(instance.db.pool, first.id))?.instructions).toBe('also support high contrast');
    });
  });

  describe('transitionRun', () => {
    it('starts, waits and finishes a run, stamping started and finished times', async () => {
      const run = await createdRun(instance);
      const { pool } = instance.db;
      const running = await transitionRun(pool, run.id, { from: ['queued'], to: 'running' });
      expect(running?.startedAt).toBeInstanceOf(Date);
      expect(running?.finishedAt).toBeNull();
      const waiting = await transitionRun(pool, run.id, { from: ['running'], to: 'waiting_approval' });
      expect(waiting?.status).toBe('waiting_approval');
      expect((await findActiveRun(pool, run.repoFullName, run.issueNumber))?.id).toBe(run.id);
      const resumed = await transitionRun(pool, run.id, { from: ['waiting_approval'], to: 'running' });
      expect(resumed?.startedAt).toEqual(running?.startedAt);
      const failed = await transitionRun(pool, run.id, {
        from: ['running'],
        to: 'failed',
        error: 'tests failed',
      });
      expect(failed).toMatchObject({ status: 'failed', error: 'tests failed' });
      expect(failed?.finishedAt).toBeInstanceOf(Date);
      expect(await findActiveRun(pool, run.repoFullName, run.issueNumber)).toBeNull();
    });

    it('stamps when the status last changed, and only when it changes', async () => {
      const run = await createdRun(instance);
      const { pool } = instance.db;
      const running = await transitionRun(pool, run.id, { from: ['queued'], to: 'running' });
      expect(running?.statusChangedAt.getTime()).toBeGreaterThanOrEqual(run.statusChangedAt.getTime());
      const again = await transitionRun(pool, run.id, { from: ['running'], to: 'running' });
      expect(again?.statusChangedAt).toEqual(running?.statusChangedAt);
      await pool.query('SELECT pg_sleep(0.01)');
      const waiting = await transitionRun(pool, run.id, { from: ['running'], to: 'waiting_approval' });
      expect(waiting?.statusChangedAt.getTime()).toBeGreaterThan(running?.statusChangedAt.getTime() ?? 0);
      expect((await getRun(pool, run.id))?.statusChangedAt).toEqual(waiting?.statusChangedAt);
    });

    it('refuses a move from a status the run is not in, so only one worker claims it', async () => {
      const run = await createdRun(instance);
      const claims = await Promise.all(
        Array.from({ length: 5 }, () =>
          transitionRun(instance.db.pool, run.id, { from: ['queued'], to: 'running' }),
        ),
      );
      expect(claims.filter((c) => c !== null)).toHaveLength(1);
      expect(await transitionRun(instance.db.pool, run.id, { from: ['queued'], to: 'cancelled' })).toBeNull();
    });
  });

  describe('usage and updates', () => {
    it('adds concurrent usage reports without losing any', async () => {
      const run = await createdRun(instance);
      await Promise.all(
        Array.from({ length: 10 }, () =>
          addRunUsage(
            instance.db.pool,
            run.id,
            { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 50, cacheWriteTokens: 5 },
            0.012345,
            { agent: 'planning', model: 'claude-sonnet-4-6' },
          ),
        ),
      );
      const totals = await getRun(instance.db.pool, run.id);
      expect(totals).toMatchObject({
        inputTokens: 10_000,
        outputTokens: 2000,
        cacheReadTokens: 500,
        cacheWriteTokens: 50,
        costUsd: 0.12345,
      });
    });

    it('sets the given fields and finds the run by its pull request', async () => {
      const run = await createdRun(instance);
      const updated = await updateRun(instance.db.pool, run.id, {
        prNumber: 12,
        branch: 'pipeline/issue-7-dark-mode',
        statusCommentId: 9_007_199_254,
        currentNode: 'develop',
      });
      expect(updated).toMatchObject({ prNumber: 12, statusCommentId: 9_007_199_254, currentNode: 'develop' });
      expect((await findRunByPullRequest(instance.db.pool, run.repoFullName, 12))?.id).toBe(run.id);
      expect(
        await updateRun(instance.db.pool, '00000000-0000-4000-8000-000000000000', { branch: 'x' }),
      ).toBeNull();
    });
  });

  describe('listing', () => {
    it('filters by repository and status, newest first, and pages with `before`', async () => {
      const repoFullName = `octo-org/listing-${backend.name}`;
      const runs: Run[] = [];
      for (const issueNumber of [1, 2, 3])
        runs.push(await createdRun(instance, { repoFullName, issueNumber }));
      await transitionRun(instance.db.pool, runs[0]?.id ?? '', { from: ['queued'], to: 'running' });
      const all = await listRuns(instance.db.pool, { repo: repoFullName });
      expect(all.map((r) => r.issueNumber)).toEqual([3, 2, 1]);
      const queued = await listRuns(instance.db.pool, { repo: repoFullName, status: 'queued', limit: 1 });
      expect(queued.map((r) => r.issueNumber)).toEqual([3]);
      const older = await listRuns(instance.db.pool, { repo: repoFullName, before: all[0]?.id });
      expect(older.map((r) => r.issueNumber)).toEqual([2, 1]);
      const running = await listRunsByStatus(instance.db.pool, ['running']);
      expect(running.map((r) => r.id)).toContain(runs[0]?.id);
    });
  });
});
