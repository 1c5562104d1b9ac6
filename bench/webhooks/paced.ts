import { Agent, request } from 'node:http';
import type { DeliveryFactory } from './deliveries.js';
import { summarize } from './latency.js';
import type { PhaseResult } from './phase.js';

export interface PacedOptions {
  rate: number;
  count: number;
  /** A request still unanswered after this is counted as an error. */
  timeoutMs?: number;
}

/**
 * Open-loop load at a fixed rate: one delivery every 1/rate s on its own schedule, whether or not earlier ones
 * were answered (as GitHub sends them). Latency runs from the scheduled send time, so a stalled server cannot
 * hide its backlog (no coordinated omission).
 */
export async function runPaced(
  url: string,
  deliveries: DeliveryFactory,
  options: PacedOptions,
): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  const ackedIds: string[] = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();

  function send(due: number): Promise<void> {
    const delivery = deliveries.next();
    return new Promise<void>((resolve) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: delivery.headers,
        },
        (res) => {
          res.resume();
          res.once('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              latencies.push(performance.now() - due);
              ackedIds.push(delivery.id);
            } else non2xx += 1;
            resolve();
          });
        },
      );
      req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('timeout')));
      req.once('error', () => {
        errors += 1;
        resolve();
      });
      req.end(delivery.body);
    });
  }

  for (let i = 0; i < options.count; i += 1) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  const durationS = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    phase: `${options.rate}/s`,
    generator: 'paced open loop (node:http)',
    sent: options.count,
    acked2xx: latencies.length,
    non2xx,
    errors,
    durationS: Math.round(durationS * 100) / 100,
    deliveriesPerSec: Math.round(latencies.length / durationS),
    latency: summarize(latencies),
    ackedIds,
    latencies,
  };
}
