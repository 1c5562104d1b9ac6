import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../src/api/http-server.js';
import type { ReadinessCheck } from '../../../src/api/check-readiness.js';
import { createLogger } from '../../../src/monitoring/logger.js';
import { createMetrics } from '../../../src/monitoring/metrics.js';

const TOKEN = 'status-token-0123456789abcdef';

/** A PostgreSQL pool pointed at a port nothing listens on: its errors name the host and port. */
const deadPool = () => new pg.Pool({ connectionString: 'postgres://app@127.0.0.1:1/app', max: 1 });

const databaseCheck = (pool: pg.Pool): ReadinessCheck => ({
  name: 'database',
  async run() {
    await pool.query('SELECT 1');
  },
});
const sandboxDown: ReadinessCheck = {
  name: 'sandbox',
  run: () =>
    Promise.resolve({
      up: false,
      reason: 'bubblewrap (bwrap) is not installed, so agent commands are refused',
      detail: 'spawn bwrap ENOENT',
    }),
};
const queueUp: ReadinessCheck = { name: 'queue', run: () => Promise.resolve() };

describe('GET /readyz', () => {
  let server: Server | undefined;
  const pools: pg.Pool[] = [];
  const logLines: string[] = [];
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    await Promise.all(pools.splice(0).map((p) => p.end()));
    logLines.length = 0;
  });

  async function serve(checks: ReadinessCheck[], statusToken?: string, timeoutMs?: number) {
    const logger = createLogger('warn', 'test', { write: (line: string) => void logLines.push(line) });
    server = createHttpServer({
      logger,
      metrics: createMetrics(),
      readiness: { checks, statusToken, ...(timeoutMs ? { timeoutMs } : {}) },
      routes: [],
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`;
    return async (authorization?: string) => {
      const response = await fetch(url, authorization ? { headers: { authorization } } : {});
      return { status: response.status, text: await response.text() };
    };
  }

  it('is 200 and lists each component as up when all answer', async () => {
    const note = 'Commands run without a sandbox on this worker (PIPELINE_SANDBOX=unsafe-none).';
    const get = await serve([queueUp, { name: 'sandbox', run: () => Promise.resolve({ up: true, note }) }]);
    const { status, text } = await get();
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      status: 'ready',
      checks: { queue: { status: 'up' }, sandbox: { status: 'up', note } },
    });
  });

  describe('when components are down', () => {
    it('without the token: 503 with a plain reason per component and no raw error text', async () => {
      const pool = deadPool();
      pools.push(pool);
      const get = await serve([databaseCheck(pool), queueUp, sandboxDown], TOKEN);
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`]) {
        const { status, text } = await get(authorization);
        expect(status).toBe(503);
        expect(JSON.parse(text)).toEqual({
          status: 'unavailable',
          checks: {
            database: { status: 'down', reason: 'not answering' },
            queue: { status: 'up' },
            sandbox: {
              status: 'down',
              reason: 'bubblewrap (bwrap) is not installed, so agent commands are refused',
            },
          },
        });
        expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|ENOENT/);
      }
      // The raw error goes to the log instead.
      expect(logLines.join('\n')).toContain('ECONNREFUSED');
    });

    it('with `Authorization: Bearer <PIPELINE_STATUS_TOKEN>`: the raw detail too', async () => {
      const pool = deadPool();
      pools.push(pool);
      const get = await serve([databaseCheck(pool), sandboxDown], TOKEN);
      const { status, text } = await get(`Bearer ${TOKEN}`);
      expect(status).toBe(503);
      const body = JSON.parse(text) as { checks: Record<string, { detail?: string }> };
      expect(body.checks.database?.detail).toMatch(/ECONNREFUSED 127\.0\.0\.1:1/);
      expect(body.checks.sandbox?.detail).toBe('spawn bwrap ENOENT');
    });

    it('gives no detail to any bearer when no token is configured', async () => {
      const get = await serve([sandboxDown]);
      const { text } = await get('Bearer ');
      expect(text).not.toContain('ENOENT');
    });

    it('reports a component that hangs as not answering, without waiting for it', async () => {
      const hangs: ReadinessCheck = { name: 'queue', run: () => new Promise<void>(() => undefined) };
      const get = await serve([hangs], TOKEN, 200);
      const { status, text } = await get();
      expect(status).toBe(503);
      expect(JSON.parse(text)).toEqual({
        status: 'unavailable',
        checks: { queue: { status: 'down', reason: 'not answering within 0.2 s' } },
      });
    });
  });
});
