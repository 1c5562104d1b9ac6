import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSettings } from '../../src/config/settings.js';
import { createAppLogger } from '../../src/runtime/app-logger.js';
import { startApp } from '../../src/runtime/start-app.js';
import { WEBHOOK_PATH } from '../../src/runtime/start-web.js';
import { spawnLineChild } from './line-protocol.js';
import type { RunningServer } from './serve-types.js';
import type { ServerStats } from './types.js';

const TWIN_CHILD = fileURLToPath(new URL('./twin-child.ts', import.meta.url));

export interface AppServerOptions {
  /** PostgreSQL and Redis for the `postgres+redis` variant; both absent for the embedded defaults. */
  databaseUrl?: string;
  redisUrl?: string;
}

interface TwinInfo {
  url: string;
  appId: number;
  privateKey: string;
  webhookSecret: string;
  slug: string;
  repoFullName: string;
  installationId: number;
  sender: string;
}

/** The GitHub twin in a child process (`twin-child.ts`), driven over the benchmark's line protocol. */
async function startTwinChild() {
  const twin = await spawnLineChild(TWIN_CHILD, [], { label: 'twin-child.ts' });
  return {
    info: twin.ready['twin'] as TwinInfo,
    ask: twin.ask,
    async close() {
      twin.child.stdin?.end();
      await twin.exited;
    },
  };
}

/**
 * The pipeline's web process (no worker) in front of a GitHub twin in another process: the twin only answers
 * the first permission and config lookups (then cached) and the background 👀 reactions.
 */
export async function startAppServer(options: AppServerOptions): Promise<RunningServer> {
  const twin = await startTwinChild();
  const { info } = twin;
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-webhooks-'));
  const settings = loadSettings({
    APP_ID: String(info.appId),
    PRIVATE_KEY: info.privateKey,
    WEBHOOK_SECRET: info.webhookSecret,
    APP_SLUG: info.slug,
    GITHUB_API_URL: info.url,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    PIPELINE_DATA_DIR: dataDir,
    PERMISSION_CACHE_SECONDS: '3600',
    // The API benchmark measures the API's work: its per-caller limit (300 a minute) would answer 429 instead.
    PIPELINE_API_RATE_LIMIT: '1000000000',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const app = await startApp(settings, createAppLogger(settings), { web: true, worker: false });
  const { web } = app;
  if (!web) throw new Error('startApp did not start the web server');

  async function stats(): Promise<ServerStats> {
    const { db, queue } = app.core;
    const runs = await db.pool.query<{ delivery_id: string | null }>('SELECT delivery_id FROM runs');
    const deliveries = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM webhook_deliveries');
    return {
      runs: runs.rowCount ?? runs.rows.length,
      runDeliveryIds: runs.rows.map((r) => r.delivery_id ?? ''),
      webhookDeliveries: Number(deliveries.rows[0]?.n ?? 0),
      queue: await queue.counts(),
      githubCalls: (await twin.ask('calls'))['calls'] as Record<string, number>,
    };
  }

  return {
    ready: {
      url: `${web.url}${WEBHOOK_PATH}`,
      webhookSecret: info.webhookSecret,
      repoFullName: info.repoFullName,
      installationId: info.installationId,
      sender: info.sender,
    },
    stats,
    async ensureIssues(count) {
      return (await twin.ask(`issues ${count}`))['issues'] as number;
    },
    async close() {
      try {
        await app.close({ force: true });
      } finally {
        await twin.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
