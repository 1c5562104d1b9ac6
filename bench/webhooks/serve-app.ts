import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/monitoring/logger.js';
import { startApp } from '../../src/runtime/start-app.js';
import { WEBHOOK_PATH } from '../../src/runtime/start-web.js';
import { startGitHubTwin, type GitHubTwin } from '../../test/twins/github/index.js';
import type { RunningServer } from './serve-types.js';
import type { ServerStats } from './types.js';

const SENDER = 'bench-dev';

export interface AppServerOptions {
  /** PostgreSQL and Redis for the `postgres+redis` variant; both absent for the embedded defaults. */
  databaseUrl?: string;
  redisUrl?: string;
}

async function arrangeTwin(): Promise<{ twin: GitHubTwin; repoFullName: string; installationId: number }> {
  const twin = await startGitHubTwin({ appSlug: 'bench-pipeline' });
  const { id: installationId } = await twin.createInstallation({ account: 'bench-org' });
  const repo = await twin.createRepo({
    owner: 'bench-org',
    name: 'bench-repo',
    files: { 'README.md': '# Benchmark repository\n' },
    installationId,
  });
  twin.addUser(SENDER);
  twin.setPermission(repo.fullName, SENDER, 'write');
  return { twin, repoFullName: repo.fullName, installationId };
}

function countCalls(twin: GitHubTwin): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const entry of twin.requests) {
    const key = `${entry.operationId ?? entry.path} ${entry.status}`;
    calls[key] = (calls[key] ?? 0) + 1;
  }
  return calls;
}

/**
 * The pipeline's web process (no worker) in front of a GitHub twin that shares this process: the twin only
 * answers the first permission and config lookups (then cached) and the background 👀 reactions.
 */
export async function startAppServer(options: AppServerOptions): Promise<RunningServer> {
  const { twin, repoFullName, installationId } = await arrangeTwin();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-webhooks-'));
  const settings = loadSettings({
    APP_ID: String(twin.app.appId),
    PRIVATE_KEY: twin.app.privateKey,
    WEBHOOK_SECRET: twin.app.webhookSecret,
    APP_SLUG: twin.app.slug,
    GITHUB_API_URL: twin.url,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    PIPELINE_DATA_DIR: dataDir,
    PERMISSION_CACHE_SECONDS: '3600',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const app = await startApp(settings, createLogger(settings.LOG_LEVEL), { web: true, worker: false });
  const { web } = app;
  if (!web) throw new Error('startApp did not start the web server');
  let issues = 0;

  async function stats(): Promise<ServerStats> {
    const { db, queue } = app.core;
    const runs = await db.pool.query<{ delivery_id: string | null }>('SELECT delivery_id FROM runs');
    const deliveries = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM webhook_deliveries');
    return {
      runs: runs.rowCount ?? runs.rows.length,
      runDeliveryIds: runs.rows.map((r) => r.delivery_id ?? ''),
      webhookDeliveries: Number(deliveries.rows[0]?.n ?? 0),
      queue: await queue.counts(),
      githubCalls: countCalls(twin),
    };
  }

  return {
    ready: {
      url: `${web.url}${WEBHOOK_PATH}`,
      webhookSecret: twin.app.webhookSecret,
      repoFullName,
      installationId,
      sender: SENDER,
    },
    stats,
    async ensureIssues(count) {
      for (; issues < count; issues += 1) {
        await twin.openIssue(repoFullName, { title: `Benchmark issue ${issues + 1}`, user: SENDER });
      }
      return issues;
    },
    async close() {
      await app.close({ force: true });
      await twin.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
