import { readFile } from 'node:fs/promises';
import { parseMcpConfigFile, type McpConfigFile } from '../config/mcp-servers.js';
import { join, resolve } from 'node:path';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import type { Settings } from '../config/settings.js';
import { createAppAuth } from '../github/app-auth.js';
import { createRepoConfigLoader } from '../github/operations/load-repo-config.js';
import type { TokenScope } from '../github/token-scope.js';
import { createClaudeClient } from '../integrations/anthropic/index.js';
import type { Sandbox } from '../integrations/sandbox/index.js';
import type { Logger } from '../monitoring/logger.js';
import type { Tracer } from '@opentelemetry/api';
import type { Metrics } from '../monitoring/metrics.js';
import { createDeployExecutor } from '../orchestration/deploy/execute-deploy.js';
import { buildDeployGraph } from '../orchestration/deploy/deploy-graph.js';
import { createRunExecutor } from '../orchestration/execute-run.js';
import { routeRunJobs } from '../orchestration/route-run-jobs.js';
import { buildRunGraph } from '../orchestration/run-graph.js';
import { createWorkspaces } from '../orchestration/workspaces.js';
import { startIndexRefresher } from '../orchestration/refresh-code-index.js';
import type { SharedCodeSearch } from './share-code-search.js';
import type { Core } from './open-core.js';
import { requeueQueuedRuns } from '../queue/index.js';

export type Worker = { close(opts?: { force?: boolean }): Promise<void> };

/**
 * Starts a worker: the run graph checkpointed in the same database, fed by the run queue. Its commands run in
 * `sandbox` (a worker whose sandbox is unavailable still starts, and fails runs that reach a command).
 */
export async function startWorker(
  core: Core,
  settings: Settings,
  logger: Logger,
  metrics: Metrics,
  sandbox: Sandbox,
  tracer: Tracer,
  /** The process's code index (undefined: PIPELINE_CODE_INDEX=off); its owner closes it. */
  codeIndex?: SharedCodeSearch,
): Promise<Worker> {
  if (!settings.ANTHROPIC_API_KEY) {
    throw new Error('ANTHROPIC_API_KEY is not set: the worker cannot run agents without it.');
  }
  const checkpointer = new PostgresSaver(core.db.pool);
  await setupCheckpointer(checkpointer, core);
  const auth = createAppAuth(settings, logger, metrics);
  const workspaces = createWorkspaces(resolve(join(settings.PIPELINE_DATA_DIR, 'workspaces')));
  const deps = {
    settings,
    db: core.db,
    bus: core.bus,
    claude: createClaudeClient({
      apiKey: settings.ANTHROPIC_API_KEY,
      baseURL: settings.ANTHROPIC_BASE_URL,
      logger,
      tracer,
    }),
    logger,
    metrics,
    tracer,
    github: (installationId: number, scope: TokenScope) => auth.installation(installationId, scope),
    gitToken: (installationId: number, scope: TokenScope) => auth.gitToken(installationId, scope),
    botIdentity: () => auth.botIdentity(),
    workspaces,
    sandbox,
    mcpConfig: settings.PIPELINE_MCP_CONFIG ? await readMcpConfig(settings.PIPELINE_MCP_CONFIG) : undefined,
  };
  const codeSearch = await codeIndex?.open();
  const graph = buildRunGraph({ ...deps, codeSearch: codeSearch?.search }, checkpointer);
  const executor = routeRunJobs(core.db, {
    issue: createRunExecutor(deps, graph, createRepoConfigLoader({ cacheSeconds: 0 })),
    deploy: createDeployExecutor({ ...deps, queue: core.queue }, buildDeployGraph(deps, checkpointer)),
  });
  const worker = core.queue.startWorker(executor, { concurrency: settings.WORKER_CONCURRENCY });
  const refresher = codeSearch
    ? startIndexRefresher(
        { ...deps, codeSearch: codeSearch.search, workspaceRoot: workspaces.root },
        { intervalMs: settings.INDEX_REFRESH_SECONDS * 1000 },
      )
    : undefined;
  await requeueQueuedRuns(core.db.pool, core.queue, logger, 0);
  const reconcile = setInterval(() => {
    requeueQueuedRuns(core.db.pool, core.queue, logger, settings.QUEUE_RECONCILE_SECONDS * 1000).catch(
      (error: unknown) => logger.warn({ err: error }, 'could not reconcile queued runs with the queue'),
    );
  }, settings.QUEUE_RECONCILE_SECONDS * 1000);
  logger.info(
    { concurrency: settings.WORKER_CONCURRENCY, queue: core.queue.kind, codeIndex: Boolean(codeSearch) },
    'worker started',
  );
  return {
    async close(opts) {
      clearInterval(reconcile);
      await worker.close(opts);
      await refresher?.close();
    },
  };
}

/** Any fixed number: the advisory lock under which LangGraph's checkpoint tables are created. */
const CHECKPOINT_SETUP_LOCK = 73_105_001;

/**
 * LangGraph's checkpoint migrations are not safe to run concurrently: workers starting together on a fresh
 * database fail with `duplicate key … checkpoint_migrations_pkey` and exit. On PostgreSQL they run under a
 * session advisory lock (as our own migrations do); the embedded database has one process and one client.
 */
async function setupCheckpointer(checkpointer: PostgresSaver, core: Core): Promise<void> {
  if (core.db.kind === 'pglite') return checkpointer.setup();
  const client = await core.db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [CHECKPOINT_SETUP_LOCK]);
    await checkpointer.setup();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [CHECKPOINT_SETUP_LOCK]);
    client.release();
  }
}

/** The PIPELINE_MCP_CONFIG file, read once at start: a bad file stops the worker with the key to fix. */
async function readMcpConfig(file: string): Promise<McpConfigFile> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new Error(
      `PIPELINE_MCP_CONFIG: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  return parseMcpConfigFile(text, file);
}
