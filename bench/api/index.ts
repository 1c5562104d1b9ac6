/**
 * The HTTP API benchmark (`npm run bench -- api`): live-event fan-out and list-runs latency of the pipeline's
 * web process on PostgreSQL + Redis, each beside a bare `node:http` server doing the same work without the app
 * (`serve-bare.ts`), in the same run.
 */
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/monitoring/logger.js';
import { createEventBus } from '../../src/queue/index.js';
import { createRun } from '../../src/storage/index.js';
import { spawnServer } from '../webhooks/child.js';
import { median } from '../webhooks/latency.js';
import { spawnLineChild } from '../webhooks/line-protocol.js';
import { prepareExternalServices, servicesEnv } from '../webhooks/services.js';
import { measureFanOut, SUBSCRIBERS, type FanOutResult } from './fan-out.js';
import { closedLoop, listQueries, RUN_COUNT, seedRuns, type ClosedLoopLatency } from './list-runs.js';

const SERVE_BARE = fileURLToPath(new URL('./serve-bare.ts', import.meta.url));
const BARE_CHANNEL = 'bench:sse-echo';
const FAN_OUT_ROUNDS = Number(process.env['BENCH_API_ROUNDS'] ?? 6);

interface ListResult {
  query: string;
  app: ClosedLoopLatency;
  /** The bare server's newest page, measured right after the app's. */
  bare: ClosedLoopLatency;
}

export async function runApiBench(log: (line: string) => void): Promise<{ table: string; data: unknown }> {
  const services = await prepareExternalServices({ redis: true });
  const redisUrl = services.redisUrl ?? '';
  const app = await spawnServer('postgres+redis', { env: servicesEnv(services) });
  const bare = await spawnLineChild(SERVE_BARE, [], {
    label: 'serve-bare.ts',
    env: { BENCH_REDIS_URL: redisUrl, BENCH_CHANNEL: BARE_CHANNEL, BENCH_DATABASE_URL: services.databaseUrl },
  });
  const bareUrl = (bare.ready['ready'] as { url: string }).url;
  const pool = new pg.Pool({ connectionString: services.databaseUrl, max: 4 });
  const logger = createLogger('silent');
  const bus = createEventBus({ redisUrl, prefix: loadSettings({}).PIPELINE_REDIS_PREFIX, logger });
  const redis = new Redis(redisUrl);
  try {
    const created = await createRun(pool, {
      repoFullName: 'bench-org/live',
      installationId: 1,
      issueNumber: 1,
      trigger: 'api',
      sender: 'bench',
      status: 'running',
    });
    if (!created.created) throw new Error('the fan-out run exists already');
    log(`api: fan-out, ${SUBSCRIBERS} subscribers per server, ${FAN_OUT_ROUNDS} rounds…`);
    const fanOut = await measureFanOut({
      appUrl: new URL(app.ready.url).origin,
      bareUrl,
      runId: created.run.id,
      pool,
      bus,
      redis,
      bareChannel: BARE_CHANNEL,
      rounds: FAN_OUT_ROUNDS,
      log,
    });
    log(`api: seeding ${RUN_COUNT.toLocaleString('en')} runs…`);
    await seedRuns(pool);
    const lists: ListResult[] = [];
    for (const query of await listQueries(pool)) {
      const appResult = await closedLoop(`${new URL(app.ready.url).origin}${query.app}`);
      const bareResult = await closedLoop(`${bareUrl}/runs?limit=50`);
      log(`api: ${query.name}: app p99 ${appResult.latency.p99} ms, bare p99 ${bareResult.latency.p99} ms`);
      lists.push({ query: query.name, app: appResult, bare: bareResult });
    }
    return { table: table(fanOut, lists), data: { fanOut, lists } };
  } finally {
    redis.disconnect();
    await bus.close();
    await pool.end();
    bare.child.kill('SIGTERM');
    await bare.exited;
    await app.stop();
    await services.release();
  }
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function table(fanOut: FanOutResult, lists: ListResult[]): string {
  const rows = [
    '| measure | server | p50 ms | p90 ms | p99 ms | max ms | requests/s | p99 / bare |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    `| SSE fan-out, ${fanOut.subscribers} subscribers, ${fanOut.events} events, commit → subscriber | bare EventSource echo | ${fanOut.bare.p50} | ${fanOut.bare.p90} | ${fanOut.bare.p99} | ${fanOut.bare.max} | – | – |`,
    `| | pipeline \`/api/v1/runs/{id}/stream\` | ${fanOut.app.p50} | ${fanOut.app.p90} | ${fanOut.app.p99} | ${fanOut.app.max} | – | ${ratio(fanOut.app.p99, fanOut.bare.p99)} (rounds: median ${(median(fanOut.roundRatios) ?? Number.NaN).toFixed(2)}×) |`,
  ];
  for (const list of lists) {
    rows.push(
      `| list runs (${RUN_COUNT.toLocaleString('en')} in the table): ${list.query} | pipeline \`/api/v1/runs\` | ${list.app.latency.p50} | ${list.app.latency.p90} | ${list.app.latency.p99} | ${list.app.latency.max} | ${list.app.requestsPerSec} | ${ratio(list.app.latency.p99, list.bare.latency.p99)} |`,
      `| | bare \`pg\` newest 50 | ${list.bare.latency.p50} | ${list.bare.latency.p90} | ${list.bare.latency.p99} | ${list.bare.latency.max} | ${list.bare.requestsPerSec} | – |`,
    );
  }
  const failed = lists.filter((l) => l.app.non2xx > 0 || l.bare.non2xx > 0);
  if (failed.length > 0) rows.push('', `Non-2xx answers in: ${failed.map((l) => l.query).join(', ')}`);
  return rows.join('\n');
}
