import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The app's Prometheus metrics, on a registry of its own so tests and several apps in a process stay apart. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    webhooks: new Counter({
      name: 'pipeline_webhooks_total',
      help: 'Webhook deliveries received, by event and outcome',
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
      help: 'Model tokens used, by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    costUsd: new Counter({
      name: 'pipeline_llm_cost_usd_total',
      help: 'Model cost in US dollars',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
