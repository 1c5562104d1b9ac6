import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.js';
import { startHarness, MAINTAINER, REPO, type Harness } from './harness.js';
import { intake } from './scripts/builders.js';
import { featureScript, labelNewIssue, waitForBotComment, withConfig } from './scripts/steering.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A Redis of this test's own, so it can die and come back without touching anyone else's. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await waitFor('redis to listen', () => accepts(port));
  return redis;
}

describe('a dead Redis', () => {
  let h: Harness | undefined;
  let redis: ChildProcess | undefined;
  afterEach(async () => {
    redis?.kill('SIGKILL');
    await h?.close();
    h = undefined;
  });

  it('loses no trigger: the run is recorded, and starts once Redis is back', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    h = await startHarness({
      backend: 'postgres+redis',
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_RECONCILE_SECONDS: '0.5' },
      script: { conversations: [intake('question', 'It adds two numbers.')] },
    });
    redis.kill('SIGKILL');
    await waitFor(
      '/readyz to report the queue down',
      async () => (await fetch(`${h?.app.web?.url}/readyz`)).status === 503,
    );

    const issue = await h.github.openIssue(REPO, { title: 'What does sum do?', user: MAINTAINER });
    const [labeled] = await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    expect(labeled?.status).toBe(200);
    const queued = await h.waitForRun(issue.number, ['queued']);
    await waitFor('the deferred enqueue to be logged', () =>
      Boolean(h?.logs.some((line) => line.includes('could not enqueue the run'))),
    );

    redis = await startRedis(port);
    const done = await h.waitForRun(issue.number, ['succeeded', 'failed'], 60_000);
    expect(done.id).toBe(queued.id);
    expect(done.status).toBe('succeeded');
    h.anthropic.assertScriptDone();
  }, 90_000);

  it('loses no approval: /pipeline approve is recorded and answered, and the run continues once Redis is back', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    h = await startHarness({
      backend: 'postgres+redis',
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_RECONCILE_SECONDS: '0.5' },
      files: withConfig('require_approval: true\n'),
      script: featureScript(),
    });
    const issue = await labelNewIssue(h);
    const waiting = await h.waitForRun(issue, ['waiting_approval', 'failed', 'succeeded'], 30_000);
    expect(waiting.status, waiting.error ?? '').toBe('waiting_approval');

    redis.kill('SIGKILL');
    await waitFor(
      '/readyz to report the queue down',
      async () => (await fetch(`${h?.app.web?.url}/readyz`)).status === 503,
    );
    const approval = await h.github.postComment(REPO, issue, '/pipeline approve', { by: MAINTAINER });
    expect(approval.delivery.status).toBe(200);
    // Acknowledged on the issue while the queue is still down.
    await waitForBotComment(h, issue, `Plan approved by @${MAINTAINER}`);
    const queued = await h.waitForRun(issue, ['queued']);
    expect(queued.id).toBe(waiting.id);
    await waitFor('the deferred enqueue to be logged', () =>
      Boolean(h?.logs.some((line) => line.includes('could not enqueue the run'))),
    );

    redis = await startRedis(port);
    const done = await h.waitForRun(issue, ['succeeded', 'failed'], 60_000);
    expect(done.id).toBe(waiting.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(h.github.pullRequests(REPO)).toMatchObject([{ draft: false }]);
    h.anthropic.assertScriptDone();
  }, 120_000);
});
