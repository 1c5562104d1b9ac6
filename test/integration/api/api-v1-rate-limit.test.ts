import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpServer } from '../../../src/api/http-server.js';
import { serveApiV1 } from '../../../src/api/v1/serve-api-v1.js';
import type { ApiToken } from '../../../src/config/api-tokens.js';
import { createMetrics } from '../../../src/monitoring/metrics.js';
import { createEventBus, createQueue, type EventBus, type RunQueue } from '../../../src/queue/index.js';
import { describeEachBackend, uniqueName, type BackendInstance } from '../../support/backends.js';
import { testLogger } from '../../support/test-logger.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const BUSY = 'busy-token-0123456789';
const QUIET = 'quiet-token-0123456789';
const LIMIT = 3;
const WINDOW_MS = 60_000;

describeEachBackend('an API token over its rate limit', (backend) => {
  let instance: BackendInstance;
  let queue: RunQueue;
  let bus: EventBus;
  let redis: Redis | undefined;
  const servers: Server[] = [];
  const bases: string[] = [];

  /** A web process of its own: the API with the limit, counting in Redis when the backend has it. */
  async function startWebProcess(prefix: string): Promise<string> {
    const tokens: ApiToken[] = [
      { name: 'busy', sha256: sha256(BUSY), access: 'read', repos: ['octo-org/*'] },
      { name: 'quiet', sha256: sha256(QUIET), access: 'read', repos: ['octo-org/*'] },
    ];
    const server = createHttpServer({
      logger: testLogger(),
      metrics: createMetrics(),
      readiness: { checks: [] },
      routes: [
        serveApiV1({
          db: instance.db.pool,
          queue,
          bus,
          tokens,
          rateLimit: {
            limit: LIMIT,
            windowMs: WINDOW_MS,
            ...(redis ? { redis: { client: redis, prefix } } : {}),
          },
          logger: testLogger(),
          locateIssue: () => Promise.reject(new Error('these tests start no run')),
        }),
      ],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  }

  const list = (base: string, token?: string) =>
    fetch(`${base}/runs`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    instance = await backend.setup();
    redis = instance.redisUrl ? new Redis(instance.redisUrl) : undefined;
    bus = createEventBus({ redisUrl: instance.redisUrl, prefix: instance.prefix, logger: testLogger() });
    queue = createQueue({
      redisUrl: instance.redisUrl,
      prefix: instance.prefix,
      queueName: uniqueName('runs'),
      db: instance.db.pool,
      bus,
      logger: testLogger(),
    });
    const prefix = `${instance.prefix}:api-rate:`;
    bases.push(await startWebProcess(prefix), await startWebProcess(prefix));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await queue.close();
    await bus.close();
    await redis?.quit();
    await instance.cleanup();
  });

  it('is answered 429 with problem details and Retry-After, while another token goes on', async () => {
    const [base = ''] = bases;
    const remaining: string[] = [];
    for (let i = 0; i < LIMIT; i += 1) {
      const ok = await list(base, BUSY);
      expect(ok.status).toBe(200);
      remaining.push(ok.headers.get('ratelimit-remaining') ?? '');
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await list(base, BUSY);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(await refused.json()).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      detail: expect.stringContaining(`more than ${LIMIT} requests`),
    });

    expect((await list(base, QUIET)).status).toBe(200);
    // Without a token the answer is still about the token, not the limit.
    expect((await list(base, undefined)).status).toBe(401);
  });

  it('is described in the OpenAPI document: every route may answer 429', async () => {
    const [base = ''] = bases;
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => [`${method} ${path}`, op] as const),
    );
    expect(operations.length).toBeGreaterThan(0);
    for (const [name, op] of operations) expect(Object.keys(op.responses), name).toContain('429');
  });

  if (backend.name === 'postgres+redis') {
    it('is counted across every web process through Redis', async () => {
      const [, other = ''] = bases;
      expect((await list(other, BUSY)).status).toBe(429);
      const quiet = await list(other, QUIET);
      expect(quiet.status).toBe(200);
      expect(quiet.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 2));
    });
  } else {
    it('is counted by each process on its own without Redis (the embedded default runs one)', async () => {
      const [, other = ''] = bases;
      const busy = await list(other, BUSY);
      expect(busy.status).toBe(200);
      expect(busy.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 1));
    });
  }
});
