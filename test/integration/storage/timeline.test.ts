import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendEvent,
  createRun,
  finishStep,
  getRun,
  listAudit,
  listEvents,
  listSteps,
  startStep,
  updateRun,
  withTransaction,
  writeAudit,
  type Run,
} from '../../../src/storage/index.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { newRun } from './fixtures.js';

describeEachBackend('run timeline', (backend) => {
  let instance: BackendInstance;
  let run: Run;
  beforeAll(async () => {
    instance = await backend.setup();
    const result = await createRun(instance.db.pool, newRun());
    if (!result.created) throw new Error('expected a new run');
    run = result.run;
  });
  afterAll(() => instance.cleanup());

  describe('steps', () => {
    it('are started, finished once with usage and detail, and listed in order', async () => {
      const { pool } = instance.db;
      const plan = await startStep(pool, { runId: run.id, node: 'plan' });
      expect(plan).toMatchObject({ status: 'running', attempt: 1, tokens: 0, finishedAt: null });
      const finished = await finishStep(pool, plan.id, {
        status: 'succeeded',
        tokens: 1234,
        costUsd: 0.5,
        detail: { tasks: ['a', 'b'] },
      });
      expect(finished).toMatchObject({
        status: 'succeeded',
        tokens: 1234,
        costUsd: 0.5,
        detail: { tasks: ['a', 'b'] },
      });
      expect(await finishStep(pool, plan.id, { status: 'failed' })).toBeNull();
      await startStep(pool, { runId: run.id, node: 'develop', attempt: 2 });
      expect((await listSteps(pool, run.id)).map((s) => [s.node, s.attempt, s.status])).toEqual([
        ['plan', 1, 'succeeded'],
        ['develop', 2, 'running'],
      ]);
    });
  });

  describe('events', () => {
    it('are listed in order and resumed after a given id', async () => {
      const { pool } = instance.db;
      const step = await startStep(pool, { runId: run.id, node: 'test' });
      const first = await appendEvent(pool, {
        runId: run.id,
        type: 'run_started',
        message: 'Run started',
        data: { to: 'running' },
      });
      const second = await appendEvent(pool, {
        runId: run.id,
        stepId: step.id,
        type: 'path_refused',
        message: 'refused changes to a.test.ts',
        data: { paths: [{ path: 'a.test.ts', change: 'modified', rule: '**/*.test.ts' }] },
      });
      expect(second).toMatchObject({ stepId: step.id, data: { paths: [{ path: 'a.test.ts' }] } });
      expect((await listEvents(pool, run.id)).map((e) => e.id)).toEqual([first.id, second.id]);
      expect((await listEvents(pool, run.id, { afterId: first.id })).map((e) => e.type)).toEqual([
        'path_refused',
      ]);
    });
  });

  describe('audit log', () => {
    it('records who did what, newest first', async () => {
      const { pool } = instance.db;
      await writeAudit(pool, {
        actor: 'octocat',
        action: 'run.created',
        runId: run.id,
        repoFullName: run.repoFullName,
      });
      await writeAudit(pool, {
        actor: 'mallory',
        action: 'command.refused',
        repoFullName: run.repoFullName,
        issueNumber: 7,
        deliveryId: 'd-1',
        detail: { command: 'approve', permission: 'read' },
      });
      const entries = await listAudit(pool, { repo: run.repoFullName });
      expect(entries.map((e) => e.action)).toEqual(['command.refused', 'run.created']);
      expect(entries[0]).toMatchObject({ actor: 'mallory', issueNumber: 7, detail: { permission: 'read' } });
      expect(await listAudit(pool, { repo: run.repoFullName, beforeId: entries[0]?.id })).toHaveLength(1);
      expect((await listAudit(pool, { runId: run.id })).map((e) => e.action)).toEqual(['run.created']);
    });
  });

  describe('withTransaction', () => {
    it('commits what succeeds and rolls back what throws', async () => {
      const { pool } = instance.db;
      await withTransaction(pool, (client) => updateRun(client, run.id, { branch: 'kept' }));
      await expect(
        withTransaction(pool, async (client) => {
          await updateRun(client, run.id, { branch: 'discarded' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await getRun(pool, run.id))?.branch).toBe('kept');
    });
  });
});
