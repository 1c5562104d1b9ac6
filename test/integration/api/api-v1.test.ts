import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../src/api/http-server.js';
import { serveApiV1 } from '../../../src/api/v1/serve-api-v1.js';
import type { ApiToken } from '../../../src/config/api-tokens.js';
import { createMetrics } from '../../../src/monitoring/metrics.js';
import {
  createEventBus,
  createQueue,
  type EventBus,
  type LiveEvent,
  type RunJob,
  type RunQueue,
} from '../../../src/queue/index.js';
import {
  appendEvent,
  addRunUsage,
  applyTransition,
  createRun,
  finishStep,
  getRun,
  listAudit,
  startStep,
  updateRun,
} from '../../../src/storage/index.js';
import { describeEachBackend, uniqueName, type BackendInstance } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';
import { openSse } from '../../support/open-sse.js';
import { waitFor } from '../../support/wait.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const READER = 'read-widgets-0123456789';
const WRITER = 'write-octo-org-0123456789';
const STRANGER = 'read-other-org-0123456789';

type Json = Record<string, unknown>;

describeEachBackend('the HTTP API', (backend) => {
  let instance: BackendInstance;
  let server: Server;
  let base: string;
  let queue: RunQueue;
  let bus: EventBus;
  const jobs: RunJob[] = [];
  const live: LiveEvent[] = [];
  const org = uniqueName('org');
  const widgets = `${org}/widgets`;
  const gadgets = `${org}/gadgets`;
  const runIds: string[] = [];

  async function newRun(repo: string, issueNumber: number): Promise<string> {
    const created = await createRun(instance.db.pool, {
      repoFullName: repo,
      installationId: 1,
      issueNumber,
      issueTitle: `Issue ${issueNumber}`,
      trigger: 'label',
      sender: 'octocat',
    });
    if (!created.created) throw new Error('expected a new run');
    return created.run.id;
  }

  beforeAll(async () => {
    instance = await backend.setup();
    for (let issue = 1; issue <= 5; issue += 1) runIds.push(await newRun(widgets, issue));
    runIds.push(await newRun(gadgets, 1));
    // The newest widgets run has advanced: a step with its cost, and its timeline.
    const advanced = runIds[4] ?? '';
    await applyTransition(instance.db.pool, advanced, 'start', { actor: 'app', message: 'run started' });
    const step = await startStep(instance.db.pool, { runId: advanced, node: 'plan', attempt: 1 });
    await finishStep(instance.db.pool, step.id, { status: 'succeeded', tokens: 1200, costUsd: 0.02 });
    // Its model calls: two by planning on Sonnet, one by intake on Haiku.
    const call = (input: number, output: number) => ({
      inputTokens: input,
      outputTokens: output,
      cacheReadTokens: 10,
      cacheWriteTokens: 0,
    });
    const sonnet = { agent: 'planning', model: 'claude-sonnet-4-6' };
    await addRunUsage(instance.db.pool, advanced, call(500, 100), 0.01, sonnet);
    await addRunUsage(instance.db.pool, advanced, call(400, 100), 0.008, sonnet);
    await addRunUsage(instance.db.pool, advanced, call(90, 10), 0.0002, {
      agent: 'intake',
      model: 'claude-haiku-4-5',
    });
    const tokens: ApiToken[] = [
      { name: 'reader', sha256: sha256(READER), access: 'read', repos: [widgets] },
      { name: 'writer', sha256: sha256(WRITER), access: 'write', repos: [`${org}/*`] },
      { name: 'stranger', sha256: sha256(STRANGER), access: 'read', repos: ['other-org/*'] },
    ];
    bus = createEventBus({ redisUrl: instance.redisUrl, prefix: instance.prefix, logger: testLogger() });
    await bus.subscribe((event) => live.push(event));
    queue = createQueue({
      redisUrl: instance.redisUrl,
      prefix: instance.prefix,
      queueName: uniqueName('runs'),
      db: instance.db.pool,
      bus,
      logger: testLogger(),
    });
    queue.startWorker(async (job) => void jobs.push(job), { concurrency: 1 });
    server = createHttpServer({
      logger: testLogger(),
      metrics: createMetrics(),
      readiness: { checks: [] },
      routes: [
        serveApiV1({
          db: instance.db.pool,
          queue,
          bus,
          tokens,
          rateLimit: { limit: 10_000, windowMs: 60_000 },
          logger: testLogger(),
          // Starting runs needs GitHub: test/e2e/api-start-run.test.ts covers it against the GitHub twin.
          locateIssue: () => Promise.reject(new Error('these tests start no run')),
        }),
      ],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await queue.close();
    await bus.close();
    await instance.cleanup();
  });

  async function post(path: string, token: string, body?: Json) {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Json,
    };
  }

  async function get(path: string, token?: string): Promise<{ status: number; type: string; body: Json }> {
    const response = await fetch(`${base}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Json,
    };
  }

  describe('without a token', () => {
    it('answers 401 with problem details', async () => {
      const answer = await get('/runs');
      expect(answer.status).toBe(401);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    });

    it('answers 401 to a token that is not configured', async () => {
      expect((await get('/runs', 'not-a-configured-token')).status).toBe(401);
    });
  });

  describe('a token scoped to another repository', () => {
    it('sees no run of it: the list is empty and the run is 404', async () => {
      const listed = await get(`/runs?repo=${widgets}`, STRANGER);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ runs: [], nextCursor: null });
      const run = await get(`/runs/${runIds[0]}`, STRANGER);
      expect(run.status).toBe(404);
      expect(run.type).toContain('application/problem+json');
      expect((await get(`/runs/${runIds[0]}/events`, STRANGER)).status).toBe(404);
    });

    it("a repository-scoped token does not see its owner's other repositories", async () => {
      expect((await get(`/runs/${runIds[5]}`, READER)).status).toBe(404);
      const listed = await get(`/runs?limit=100`, READER);
      const repos = new Set((listed.body.runs as Json[]).map((r) => r.repo));
      expect([...repos]).toEqual([widgets]);
    });
  });

  describe('a request that does not fit the schema', () => {
    it.each([
      ['/runs?status=sleeping', 'status'],
      ['/runs?limit=0', 'limit'],
      ['/runs?since=yesterday', 'since'],
      ['/runs/not-a-run-id', 'id'],
    ])('%s is 400 problem details naming %s', async (path, field) => {
      const answer = await get(path, WRITER);
      expect(answer.status).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(String(answer.body.detail)).toContain(field);
    });

    it('a body over the cap is 413 problem details, whether or not its length was declared', async () => {
      const id = runIds[3] ?? '';
      const big = JSON.stringify({ changes: 'x'.repeat(300 * 1024) });
      const declared = await post(`/runs/${id}/replan`, WRITER, JSON.parse(big) as Json);
      expect(declared.status).toBe(413);
      expect(declared.type).toContain('application/problem+json');
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 64) return controller.close();
          sent += 1;
          controller.enqueue(chunk);
        },
      });
      const streamed = await fetch(`${base}/runs/${id}/replan`, {
        method: 'POST',
        headers: { authorization: `Bearer ${WRITER}`, 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(((await streamed.json()) as Json).status).toBe(413);
      expect(sent).toBeLessThan(64);
    });

    it("refuses a command a page of another site sends without a bearer token (this machine's browser)", async () => {
      const id = runIds[4] ?? '';
      const fromElsewhere: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'https://evil.example' },
      ];
      for (const headers of fromElsewhere) {
        const answer = await fetch(`${base}/runs/${id}/cancel`, { method: 'POST', headers });
        expect(answer.status).toBe(403);
        expect(((await answer.json()) as Json).detail).toContain('another site');
      }
      expect((await getRun(instance.db.pool, id))?.status).not.toBe('cancelled');
    });

    it('an unknown route is 404 problem details', async () => {
      const answer = await get('/nothing-here', WRITER);
      expect(answer.status).toBe(404);
      expect(answer.type).toContain('application/problem+json');
    });
  });

  describe('listing runs', () => {
    it('pages through every run of the repository once, newest first', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const answer = await get(`/runs?repo=${widgets}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, READER);
        expect(answer.status).toBe(200);
        seen.push(...(answer.body.runs as Json[]).map((r) => String(r.id)));
        cursor = answer.body.nextCursor as string | null;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(runIds.slice(0, 5).reverse());
    });

    it('filters by status and by creation time', async () => {
      const running = await get(`/runs?status=running`, WRITER);
      expect((running.body.runs as Json[]).map((r) => r.id)).toEqual([runIds[4]]);
      const future = await get(`/runs?since=${new Date(Date.now() + 60_000).toISOString()}`, WRITER);
      expect(future.body.runs).toEqual([]);
    });
  });

  describe('a run', () => {
    it('comes with its steps and its cost per node', async () => {
      const answer = await get(`/runs/${runIds[4]}`, READER);
      expect(answer.status).toBe(200);
      expect(answer.body.run).toMatchObject({ id: runIds[4], repo: widgets, issue: 5, status: 'running' });
      expect(answer.body.steps).toMatchObject([{ node: 'plan', status: 'succeeded', tokens: 1200 }]);
      expect(answer.body.costByNode).toEqual({ plan: { tokens: 1200, costUsd: 0.02 } });
    });

    it('comes with its tokens and cost per agent and per model', async () => {
      const { body } = await get(`/runs/${runIds[4]}`, READER);
      const tokens = (input: number, output: number, cacheRead: number) => ({
        input,
        output,
        cacheRead,
        cacheWrite: 0,
      });
      expect(body.usage).toEqual([
        { agent: 'intake', model: 'claude-haiku-4-5', calls: 1, tokens: tokens(90, 10, 10), costUsd: 0.0002 },
        {
          agent: 'planning',
          model: 'claude-sonnet-4-6',
          calls: 2,
          tokens: tokens(900, 200, 20),
          costUsd: 0.018,
        },
      ]);
      expect(Object.keys(body.costByAgent as Json)).toEqual(['intake', 'planning']);
      expect(body.costByModel).toEqual({
        'claude-haiku-4-5': { calls: 1, tokens: tokens(90, 10, 10), costUsd: 0.0002 },
        'claude-sonnet-4-6': { calls: 2, tokens: tokens(900, 200, 20), costUsd: 0.018 },
      });
      expect((body.run as Json).costUsd).toBeCloseTo(0.0182, 6);
    });

    it('has its timeline, paged by event id', async () => {
      const answer = await get(`/runs/${runIds[4]}/events?limit=1`, READER);
      expect(answer.status).toBe(200);
      expect(answer.body.events).toMatchObject([{ type: 'run_started', message: 'run started' }]);
    });
  });

  describe('steering a run', () => {
    it('is refused to a read-only token with 403, and the run is left as it was', async () => {
      const answer = await post(`/runs/${runIds[0]}/cancel`, READER);
      expect(answer.status).toBe(403);
      expect(answer.type).toContain('application/problem+json');
      expect((await getRun(instance.db.pool, runIds[0] ?? ''))?.status).toBe('queued');
    });

    it('of a repository the token does not reach is 404', async () => {
      expect((await post(`/runs/${runIds[0]}/cancel`, STRANGER)).status).toBe(404);
    });

    it('cancels a queued run: audited under the token, published live, and its job queued', async () => {
      const id = runIds[1] ?? '';
      const answer = await post(`/runs/${id}/cancel`, WRITER);
      expect(answer.status).toBe(200);
      expect(answer.body.run).toMatchObject({ id, status: 'cancelled', error: 'cancelled by api:writer' });
      const audit = await listAudit(instance.db.pool, { runId: id, limit: 10 });
      expect(audit.map((a) => `${a.actor} ${a.action}`)).toContain('api:writer run.cancelled');
      await waitFor('the cancel to reach a subscriber', () =>
        live.some((e) => e.runId === id && e.type === 'cancel_requested'),
      );
      await waitFor('the job that updates its status comment', () =>
        jobs.some((j) => j.runId === id && j.reason === 'resume'),
      );
      // Cancelling again is a conflict, told as such.
      const again = await post(`/runs/${id}/cancel`, WRITER);
      expect(again.status).toBe(409);
      expect(String(again.body.detail)).toContain('is cancelled');
    });

    it('retries the cancelled run as its next attempt, with a retry job', async () => {
      const id = runIds[1] ?? '';
      const answer = await post(`/runs/${id}/retry`, WRITER);
      expect(answer.status).toBe(200);
      expect(answer.body.run).toMatchObject({ id, status: 'queued', attempt: 1 });
      await waitFor('the retry job', () => jobs.some((j) => j.runId === id && j.reason === 'retry'));
    });

    it('approves a plan only while the run waits for approval', async () => {
      const id = runIds[2] ?? '';
      expect((await post(`/runs/${id}/approve`, WRITER)).status).toBe(409);
      await applyTransition(instance.db.pool, id, 'start', { actor: 'app', message: 'run started' });
      await applyTransition(instance.db.pool, id, 'wait_for_approval', { actor: 'app', message: 'waiting' });
      const answer = await post(`/runs/${id}/approve`, WRITER);
      expect(answer.status).toBe(200);
      expect(answer.body.run).toMatchObject({ id, status: 'queued' });
      await waitFor('the resume job', () => jobs.some((j) => j.runId === id && j.reason === 'resume'));
    });

    it('re-plans with the changes asked for, which must not be empty', async () => {
      const id = runIds[3] ?? '';
      await applyTransition(instance.db.pool, id, 'start', { actor: 'app', message: 'run started' });
      await applyTransition(instance.db.pool, id, 'wait_for_approval', { actor: 'app', message: 'waiting' });
      const empty = await post(`/runs/${id}/replan`, WRITER, { changes: '  ' });
      expect(empty.status).toBe(400);
      expect(String(empty.body.detail)).toContain('changes');
      const answer = await post(`/runs/${id}/replan`, WRITER, { changes: 'Also handle negative numbers.' });
      expect(answer.status).toBe(200);
      expect(answer.body.run).toMatchObject({ id, status: 'queued' });
    });
  });

  describe("a run's live stream", () => {
    const openStream = (path: string, token: string, headers: Record<string, string> = {}) =>
      openSse(`${base}${path}`, { authorization: `Bearer ${token}`, ...headers });

    it('sends the events so far, then new ones live, and resumes after Last-Event-ID', async () => {
      const id = runIds[4] ?? '';
      const first = await openStream(`/runs/${id}/stream`, READER);
      expect(first.response.status).toBe(200);
      expect(first.response.headers.get('content-type')).toContain('text/event-stream');
      await waitFor('the events so far', () => first.frames.length >= 1);
      expect(first.frames.map((f) => f.event)).toEqual(['run_started']);

      // What a worker does: record the change, then publish it.
      const applied = await applyTransition(instance.db.pool, id, 'wait_for_approval', {
        actor: 'app',
        message: 'waiting for approval',
      });
      if (!applied) throw new Error('the run did not move');
      await bus.publish(applied.event);
      await waitFor('the live event', () => first.frames.length >= 2);
      expect(first.frames[1]).toMatchObject({
        id: String(applied.event.id),
        event: 'run_waiting_approval',
        data: {
          type: 'run_waiting_approval',
          message: 'waiting for approval',
          data: { to: 'waiting_approval' },
        },
      });
      await first.close();

      const resumed = await openStream(`/runs/${id}/stream`, READER, {
        'last-event-id': first.frames[0]?.id ?? '',
      });
      await waitFor('the event missed since', () => resumed.frames.length >= 1);
      await resumed.close();
      expect(resumed.frames.map((f) => f.event)).toEqual(['run_waiting_approval']);
    });

    it('is 404 for a token that does not reach the run, and 400 for a bad Last-Event-ID', async () => {
      const stranger = await fetch(`${base}/runs/${runIds[4]}/stream`, {
        headers: { authorization: `Bearer ${STRANGER}` },
      });
      expect(stranger.status).toBe(404);
      await stranger.text();
      const bad = await fetch(`${base}/runs/${runIds[4]}/stream`, {
        headers: { authorization: `Bearer ${READER}`, 'last-event-id': 'yesterday' },
      });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      await bad.text();
    });
  });

  describe("the run list's live stream", () => {
    const openStream = (path: string, token: string, headers: Record<string, string> = {}) =>
      openSse(`${base}${path}`, { authorization: `Bearer ${token}`, ...headers });

    it('sends the events of every run the token sees, each with its run, and resumes after Last-Event-ID', async () => {
      const mine = await openStream(`/runs/stream`, READER);
      expect(mine.response.status).toBe(200);
      expect(mine.response.headers.get('content-type')).toContain('text/event-stream');
      const others = await openStream(`/runs/stream`, STRANGER);
      const onlyGadgets = await openStream(`/runs/stream?repo=${gadgets}`, WRITER);
      await waitFor('the events so far', () => mine.frames.length >= 1);
      const before = mine.frames.length;

      const widgetsRun = runIds[0] ?? '';
      const gadgetsRun = runIds[5] ?? '';
      for (const id of [widgetsRun, gadgetsRun]) {
        const applied = await applyTransition(instance.db.pool, id, 'start', {
          actor: 'app',
          message: 'run started',
        });
        if (!applied) throw new Error('the run did not start');
        await bus.publish(applied.event);
      }
      await waitFor('the widgets run starting', () =>
        mine.frames.some((f) => f.data.run && (f.data.run as Json).id === widgetsRun),
      );
      await waitFor('the gadgets run starting', () => onlyGadgets.frames.length >= 1);
      const started = mine.frames.at(-1);
      expect(started).toMatchObject({
        event: 'run_started',
        data: {
          type: 'run_started',
          message: 'run started',
          run: { id: widgetsRun, repo: widgets, status: 'running' },
        },
      });
      // The reader's token reaches widgets only; the stranger's token reaches neither.
      expect(mine.frames.slice(before).map((f) => (f.data.run as Json).repo)).toEqual([widgets]);
      expect(onlyGadgets.frames.map((f) => (f.data.run as Json).id)).toEqual([gadgetsRun]);
      await mine.close();
      await onlyGadgets.close();
      expect(others.frames).toEqual([]);
      await others.close();

      const resumed = await openStream(`/runs/stream`, READER, {
        'last-event-id': mine.frames[before - 1]?.id ?? '',
      });
      await waitFor('the event missed since', () => resumed.frames.length >= 1);
      await resumed.close();
      expect(resumed.frames.map((f) => f.id)).toEqual([started?.id]);
    });

    it('keeps to a status filter but still tells of runs leaving it', async () => {
      // The first widgets run is running: its step's event is not of a waiting run.
      const other = await appendEvent(instance.db.pool, {
        runId: runIds[0] ?? '',
        type: 'node_started',
        message: 'planning',
        data: { node: 'plan' },
      });
      const running = await openStream(`/runs/stream?status=waiting_approval&after=0`, WRITER);
      await waitFor('the replay', () => running.frames.length >= 1);
      await running.close();
      expect(running.frames.map((f) => f.event)).toContain('run_waiting_approval');
      expect(running.frames.map((f) => Number(f.id))).not.toContain(other.id);
      // Every status change reaches the filtered list (so it can drop a run); other events only of runs in it.
      for (const frame of running.frames) {
        const data = frame.data as { data?: Json; run: Json };
        expect(data.data?.to !== undefined || data.run.status === 'waiting_approval').toBe(true);
      }
    });

    it('is 400 problem details for a bad filter or Last-Event-ID', async () => {
      const badRepo = await fetch(`${base}/runs/stream?repo=nope`, {
        headers: { authorization: `Bearer ${READER}` },
      });
      expect(badRepo.status).toBe(400);
      expect(badRepo.headers.get('content-type')).toContain('application/problem+json');
      await badRepo.text();
      const badResume = await fetch(`${base}/runs/stream`, {
        headers: { authorization: `Bearer ${READER}`, 'last-event-id': 'yesterday' },
      });
      expect(badResume.status).toBe(400);
      await badResume.text();
      const anonymous = await fetch(`${base}/runs/stream`);
      expect(anonymous.status).toBe(401);
      await anonymous.text();
    });
  });

  describe("a run's diff", () => {
    it('is 404 before the run has a pull request, and 503 where the app reads nothing from GitHub', async () => {
      const id = await newRun(widgets, 77);
      const before = await get(`/runs/${id}/diff`, READER);
      expect(before).toMatchObject({
        status: 404,
        type: 'application/problem+json',
        body: { detail: `Run ${id} has no pull request yet.` },
      });
      await updateRun(instance.db.pool, id, { prNumber: 12 });
      // These tests give the API no GitHub (test/e2e/api-run-diff.test.ts reads the diff from the twin).
      const unreadable = await get(`/runs/${id}/diff`, READER);
      expect(unreadable).toMatchObject({
        status: 503,
        type: 'application/problem+json',
        body: { title: 'Service Unavailable', detail: 'This app does not read diffs from GitHub.' },
      });
      expect((await get(`/runs/${id}/diff`, STRANGER)).status).toBe(404);
    });
  });

  it('describes itself in an OpenAPI 3.1 document that validates', async () => {
    const response = await fetch(`${base}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as Json;
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(document.paths as Json).sort()).toEqual([
      '/api/v1/repos/{owner}/{repo}/search',
      '/api/v1/runs',
      '/api/v1/runs/stream',
      '/api/v1/runs/{id}',
      '/api/v1/runs/{id}/approve',
      '/api/v1/runs/{id}/cancel',
      '/api/v1/runs/{id}/diff',
      '/api/v1/runs/{id}/events',
      '/api/v1/runs/{id}/replan',
      '/api/v1/runs/{id}/retry',
      '/api/v1/runs/{id}/stream',
    ]);
  });
});
