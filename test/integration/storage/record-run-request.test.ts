import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getRun, listAudit, recordRunRequest } from '../../../src/storage/index.js';
import { transitionRun } from '../../../src/storage/run-lifecycle/transition-run.js';
import { describeEachBackend, type BackendInstance } from '../../support/backends.js';
import { newRun } from './fixtures.js';

describeEachBackend('recording a trigger in one statement', (backend) => {
  let instance: BackendInstance;
  beforeAll(async () => {
    instance = await backend.setup();
  });
  afterAll(() => instance.cleanup());

  const request = (overrides: Parameters<typeof newRun>[0] = {}) => ({
    ...newRun(overrides),
    deliveryId: randomUUID(),
    event: 'issues.labeled',
  });

  it('creates the run with its delivery and audit row', async () => {
    const input = request();
    const result = await recordRunRequest(instance.db.pool, input);
    expect(result.kind).toBe('created');
    if (result.kind !== 'created') return;
    expect(await getRun(instance.db.pool, result.runId)).toMatchObject({
      status: 'queued',
      deliveryId: input.deliveryId,
      issueNumber: input.issueNumber,
    });
    const audit = await listAudit(instance.db.pool, { runId: result.runId });
    expect(audit.map((a) => a.action)).toEqual(['run.queued']);
  });

  it('keeps working on a connection that prepared it before a migration added a column to runs', async () => {
    const connection = await instance.db.pool.connect();
    try {
      expect((await recordRunRequest(connection, request())).kind).toBe('created');
      await connection.query('ALTER TABLE runs ADD COLUMN later_column text');
      expect((await recordRunRequest(connection, request())).kind).toBe('created');
    } finally {
      await connection.query('ALTER TABLE runs DROP COLUMN IF EXISTS later_column');
      connection.release();
    }
  });

  it('gives new runs time-ordered ids (UUID version 7), so they append to the id indexes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const result = await recordRunRequest(instance.db.pool, request());
      if (result.kind !== 'created') throw new Error('expected a run');
      ids.push(result.runId);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('does nothing for a redelivery', async () => {
    const input = request();
    await recordRunRequest(instance.db.pool, input);
    expect(await recordRunRequest(instance.db.pool, input)).toEqual({ kind: 'duplicate' });
    const audit = await listAudit(instance.db.pool, { repo: input.repoFullName, limit: 100 });
    expect(audit.filter((a) => a.deliveryId === input.deliveryId)).toHaveLength(1);
  });

  it('starts no second run for the same body under a new delivery id, even after the first run ended', async () => {
    const input = { ...request(), bodyDigest: randomBytes(32).toString('hex') };
    const first = await recordRunRequest(instance.db.pool, input);
    if (first.kind !== 'created') throw new Error('expected a run');
    await transitionRun(instance.db.pool, first.runId, { from: ['queued'], to: 'cancelled' });

    const replay = { ...input, deliveryId: randomUUID() };
    expect(await recordRunRequest(instance.db.pool, replay)).toEqual({ kind: 'duplicate' });
    const audit = await listAudit(instance.db.pool, { repo: input.repoFullName, limit: 100 });
    expect(audit.filter((a) => a.deliveryId === replay.deliveryId)).toHaveLength(0);
  });

  it('creates exactly one run when triggers on one issue race, and names the active run to the others', async () => {
    const base = request();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        recordRunRequest(instance.db.pool, { ...base, deliveryId: randomUUID() }),
      ),
    );
    const created = results.filter((r) => r.kind === 'created');
    expect(created).toHaveLength(1);
    const busy = results.filter((r) => r.kind === 'busy');
    expect(busy).toHaveLength(7);
    const winner = created[0];
    if (winner?.kind !== 'created') return;
    for (const r of busy) if (r.kind === 'busy' && r.activeRunId) expect(r.activeRunId).toBe(winner.runId);
  });

  it('says when the active run is waiting for people', async () => {
    const first = await recordRunRequest(
      instance.db.pool,
      request({ issueNumber: 4242, repoFullName: 'octo-org/waiting' }),
    );
    if (first.kind !== 'created') throw new Error('expected a run');
    await transitionRun(instance.db.pool, first.runId, { from: ['queued'], to: 'waiting_input' });
    const second = await recordRunRequest(
      instance.db.pool,
      request({ issueNumber: 4242, repoFullName: 'octo-org/waiting' }),
    );
    expect(second).toEqual({ kind: 'busy', activeRunId: first.runId, activeStatus: 'waiting_input' });
    const audit = await listAudit(instance.db.pool, { runId: first.runId });
    expect(audit.map((a) => a.action).sort()).toEqual(['run.queued', 'run.trigger_on_waiting_run']);
  });
});
