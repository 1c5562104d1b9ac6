import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RequestTally } from './request-tally.js';

/**
 * Where the gauges read their values at each scrape (the database and the queue are opened after the
 * metrics). A source that fails leaves its gauge empty for that scrape rather than failing `/metrics`.
 */
export interface MetricSources {
  /** Jobs in the queue by state (waiting, active, delayed, …). */
  queueJobs?: () => Promise<Readonly<Record<string, number>>>;
  /** Runs in the table by status. */
  runsByStatus?: () => Promise<Readonly<Record<string, number>>>;
  /** Told when a source fails (its gauge is left empty for that scrape). */
  onSourceError?: (gauge: string, error: unknown) => void;
}

/** The app's Prometheus metrics, on a registry of its own so tests and several apps in a process stay apart. */
export function createMetrics(sources: MetricSources = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const githubTally = new RequestTally();
  return {
    registry,
    /** GitHub requests counted on the request path (see `countGitHubRequests`), read by the two counters below. */
    githubTally,
    webhooks: new Counter({
      name: 'pipeline_webhooks_total',
      help: 'Webhook deliveries received, by event and outcome (the HTTP status they were answered with)',
      labelNames: ['event', 'outcome'] as const,
      registers: [registry],
    }),
    webhookSeconds: new Histogram({
      name: 'pipeline_webhook_handle_seconds',
      help: 'Time from a delivery arriving to its acknowledgement',
      labelNames: ['event'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    queueJobs: new Gauge({
      name: 'pipeline_queue_jobs',
      help: 'Jobs in the run queue, by state (waiting is the queue depth)',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        await fill(
          this,
          (state, n) => this.set({ state }, n),
          sources.queueJobs,
          (e) => sources.onSourceError?.('pipeline_queue_jobs', e),
        );
      },
    }),
    queueWaitSeconds: new Histogram({
      name: 'pipeline_queue_wait_seconds',
      help: 'Time a run waited in the queue, from being queued to a worker starting it',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
    runsByStatus: new Gauge({
      name: 'pipeline_runs',
      help: 'Runs in the database, by current status',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        await fill(
          this,
          (status, n) => this.set({ status }, n),
          sources.runsByStatus,
          (e) => sources.onSourceError?.('pipeline_runs', e),
        );
      },
    }),
    runs: new Counter({
      name: 'pipeline_runs_total',
      help: 'Runs that ended, by final status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    nodeSeconds: new Histogram({
      name: 'pipeline_node_seconds',
      help: 'Time spent in each graph node',
      labelNames: ['node'] as const,
      buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
    tokens: new Counter({
      name: 'pipeline_llm_tokens_total',
      help: 'Model tokens used, by model, agent and kind (input, output, cache_read, cache_write)',
      labelNames: ['model', 'agent', 'kind'] as const,
      registers: [registry],
    }),
    costUsd: new Counter({
      name: 'pipeline_llm_cost_usd_total',
      help: 'Model cost in US dollars, by model and agent',
      labelNames: ['model', 'agent'] as const,
      registers: [registry],
    }),
    githubRequests: new Counter({
      name: 'pipeline_github_requests_total',
      help: 'GitHub API requests sent, by route (method and URL template)',
      labelNames: ['route'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const { route, requests } of githubTally.routes()) this.inc({ route }, requests);
      },
    }),
    githubErrors: new Counter({
      name: 'pipeline_github_request_errors_total',
      help: 'GitHub API requests that failed, by route and status (`network` when no answer came)',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const { route, errors } of githubTally.routes()) {
          for (const [status, count] of errors) this.inc({ route, status }, count);
        }
      },
    }),
    testRounds: new Counter({
      name: 'pipeline_test_rounds_total',
      help: 'Test rounds run on pushed changes, by outcome (passed, failed, no_tests)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    deploys: new Counter({
      name: 'pipeline_deploys_total',
      help: 'Deployments of merged changes, by outcome (success, failure, error)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Sets a gauge to a source's counts, one series per key; series of keys that went away are dropped. */
async function fill(
  gauge: Gauge,
  set: (key: string, value: number) => void,
  source: (() => Promise<Readonly<Record<string, number>>>) | undefined,
  onError: (error: unknown) => void,
): Promise<void> {
  if (!source) return;
  gauge.reset();
  let counts: Readonly<Record<string, number>>;
  try {
    counts = await source();
  } catch (error) {
    onError(error);
    return;
  }
  for (const [key, value] of Object.entries(counts)) {
    set(key, value);
  }
}
