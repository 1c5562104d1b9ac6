import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  applyTransition,
  createRun,
  getRun,
  listAudit,
  listEvents,
  RunStatuses,
  RunTransitions,
  withTransaction,
  type RunTransitionName,
} from '../../../src/storage/index.js';
import { transitionRun } from '../../../src/storage/run-lifecycle/transition-run.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { transitionDataSamples } from '../../fixtures/run-events/samples.js';
import { newRun } from './fixtures.js';

describeEachBackend('applyTransition', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  it.each(Object.keys(RunTransitions) as RunTransitionName[])(
    '%s moves a run only from its allowed statuses, recording event and audit row together',
    async (name) => {
      const rule = RunTransitions[name];
      for (const status of RunStatuses) {
        const created = await createRun(instance.db.pool, newRun());
        if (!created.created) throw new Error('expected a new run');
        const runId = created.run.id;
        await transitionRun(instance.db.pool, runId, { from: ['queued'], to: status });

        const applied = await withTransaction(instance.db.pool, (tx) =>
          applyTransition(tx, runId, name, {
            actor: 'octocat',
            message: `${name} by @octocat`,
            data: transitionDataSamples[name],
          }),
        );

        const run = await getRun(instance.db.pool, runId);
        const events = await listEvents(instance.db.pool, runId);
        const audit = await listAudit(instance.db.pool, { runId });
        const allowed = (rule.from as readonly string[]).includes(status);
        expect({ status, moved: applied !== null }).toEqual({ status, moved: allowed });
        if (allowed) {
          expect(run?.status).toBe(rule.to);
          expect(applied?.event).toMatchObject({ runId, type: rule.event, data: { to: rule.to } });
          expect(events.map((e) => [e.type, e.message])).toEqual([[rule.event, `${name} by @octocat`]]);
          expect(audit.filter((a) => a.action === rule.audit).map((a) => a.actor)).toEqual(['octocat']);
        } else {
          expect(run?.status).toBe(status);
          expect(events).toEqual([]);
          expect(audit.filter((a) => a.action === rule.audit)).toEqual([]);
        }
      }
    },
  );

  it('a retry starts a new attempt: the run counts it, and its event says which attempt it is', async () => {
    const created = await createRun(instance.db.pool, newRun());
    if (!created.created) throw new Error('expected a new run');
    const runId = created.run.id;
    await transitionRun(instance.db.pool, runId, { from: ['queued'], to: 'failed' });
    const retry = () =>
      withTransaction(instance.db.pool, (tx) =>
        applyTransition(tx, runId, 'retry', { actor: 'octocat', message: 'retry requested by @octocat' }),
      );

    const first = await retry();
    await transitionRun(instance.db.pool, runId, { from: ['queued'], to: 'cancelled' });
    const second = await retry();

    expect([first?.run.attempt, second?.run.attempt]).toEqual([1, 2]);
    expect([first?.event.data, second?.event.data]).toEqual([
      { to: 'queued', attempt: 1 },
      { to: 'queued', attempt: 2 },
    ]);
    expect((await getRun(instance.db.pool, runId))?.attempt).toBe(2);
  });
});
