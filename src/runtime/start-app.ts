import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import { createMetrics, type MetricSources } from '../monitoring/metrics.js';
import { countRunsByStatus } from '../storage/index.js';
import { flushErrorReports } from '../monitoring/error-reporting.js';
import { startTracing } from '../monitoring/tracing.js';
import { coreReadinessChecks, openCore, type Core } from './open-core.js';
import { openWorkerSandbox } from './open-worker-sandbox.js';
import { sandboxReadinessCheck } from './sandbox-readiness-check.js';
import { startHealthServer, startWeb, type Web, type WebCodeIndex } from './start-web.js';
import type { Worker } from './start-worker.js';
import { shareCodeSearch, type SharedCodeSearch } from './share-code-search.js';

export type RunningApp = {
  core: Core;
  web?: Web;
  worker?: Worker;
  /** Graceful: stop accepting, finish or hand back jobs, close pools. */
  close(opts?: { force?: boolean }): Promise<void>;
};

/** Starts the parts of the app a process runs: the web server, a worker, or both (the default process). */
export async function startApp(
  settings: Settings,
  logger: Logger,
  parts: { web: boolean; worker: boolean },
): Promise<RunningApp> {
  const core = await openCore(settings, logger);
  const metrics = createMetrics(metricSources(core, logger));
  const tracing = await startTracing({
    endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: settings.OTEL_SERVICE_NAME,
    logger,
  });
  let web: Web | undefined;
  let worker: Worker | undefined;
  const codeIndex = settings.PIPELINE_CODE_INDEX ? shareCodeSearch(settings, logger) : undefined;
  try {
    // Probed before the server answers, so a worker's /readyz includes its sandbox from the first request.
    const sandbox = parts.worker ? await openWorkerSandbox(settings, logger) : undefined;
    const checks = [...coreReadinessChecks(core), ...(sandbox ? [sandboxReadinessCheck(sandbox)] : [])];
    // A worker alone still answers /healthz, /readyz and /metrics for its orchestrator.
    web = parts.web
      ? await startWeb(core, settings, logger, metrics, checks, codeIndexForWeb(settings, parts, codeIndex))
      : await startHealthServer(settings, logger, metrics, checks);
    if (sandbox) {
      // Loaded only where a worker runs: the agents' stack (LangGraph, the Anthropic SDK, Chroma's client,
      // simple-git) would otherwise be most of a web-only process's heap (figures: bench/README.md).
      const { startWorker } = await import('./start-worker.js');
      worker = await startWorker(core, settings, logger, metrics, sandbox, tracing.tracer, codeIndex);
    }
  } catch (error) {
    await web?.close();
    await codeIndex?.close();
    await core.close();
    await tracing.shutdown();
    throw error;
  }
  return {
    core,
    web,
    worker,
    async close(opts) {
      await web?.close();
      await worker?.close(opts);
      await codeIndex?.close();
      await core.close();
      await tracing.shutdown();
      await flushErrorReports();
      logger.info('stopped');
    },
  };
}

/**
 * The code index as the API's search sees it. A web process without a worker reaches it only through
 * CHROMA_URL: starting its own `chroma run` on the worker's data directory would be a second server on one store.
 */
function codeIndexForWeb(
  settings: Settings,
  parts: { worker: boolean },
  codeIndex: SharedCodeSearch | undefined,
): WebCodeIndex {
  if (!codeIndex) return { unavailable: 'The code index is off (PIPELINE_CODE_INDEX=off).' };
  if (!parts.worker && !settings.CHROMA_URL) {
    return {
      unavailable:
        "This web process runs without a worker and without CHROMA_URL, so it cannot reach the worker's code index; set CHROMA_URL.",
    };
  }
  return codeIndex;
}

/** What the gauges read at each scrape: the queue's job counts and the runs table's statuses. */
function metricSources(core: Core, logger: Logger): MetricSources {
  return {
    queueJobs: async () => Object.fromEntries(Object.entries(await core.queue.counts())),
    runsByStatus: () => countRunsByStatus(core.db.pool),
    onSourceError: (gauge, error) => logger.warn({ err: error, gauge }, 'a metric could not be read'),
  };
}
