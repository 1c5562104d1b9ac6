import autocannon from 'autocannon';
import type { DeliveryFactory } from './deliveries.js';
import { summarize } from './latency.js';
import type { PhaseResult } from './phase.js';

export interface ClosedLoopOptions {
  phase: string;
  connections: number;
  /** Stop after this many seconds… */
  durationS?: number;
  /** …or after this many requests (takes precedence). */
  amount?: number;
}

/**
 * Closed-loop load with autocannon: each connection sends the next signed delivery as soon as the previous one
 * is answered. Each request's body and delivery id come from `setupRequest`; latencies are recorded exactly
 * (float ms) from autocannon's `response` events, not from its integer-ms histogram.
 */
export async function runClosedLoop(
  url: string,
  deliveries: DeliveryFactory,
  options: ClosedLoopOptions,
): Promise<PhaseResult> {
  const inFlight = new Map<object, string>();
  const ackedIds: string[] = [];
  const latencies: number[] = [];
  const start = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: options.connections,
        pipelining: 1,
        timeout: 10,
        ...(options.amount !== undefined
          ? { amount: options.amount }
          : { duration: options.durationS ?? 10 }),
        requests: [
          {
            setupRequest(req, context) {
              const delivery = deliveries.next();
              inFlight.set(context, delivery.id);
              return { ...req, method: 'POST', body: delivery.body, headers: delivery.headers };
            },
            onResponse(status, _body, context) {
              const id = inFlight.get(context);
              inFlight.delete(context);
              if (id !== undefined && status >= 200 && status < 300) ackedIds.push(id);
            },
          },
        ],
      },
      (error, res) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const durationS = (performance.now() - start) / 1000;
  return {
    phase: options.phase,
    generator: `autocannon ${options.connections} connections`,
    sent: result.requests.sent,
    acked2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    durationS: Math.round(durationS * 100) / 100,
    deliveriesPerSec: Math.round(result['2xx'] / durationS),
    latency: summarize(latencies),
    ackedIds,
    latencies,
  };
}
