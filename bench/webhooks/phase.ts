import type { LatencySummary } from './latency.js';

/** What one load phase measured. Latency is acknowledgement latency of 2xx answers, in ms. */
export interface PhaseResult {
  phase: string;
  generator: string;
  /** Requests sent (including any cut off when the phase ended). */
  sent: number;
  acked2xx: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  durationS: number;
  /** 2xx acknowledgements per second of phase time. */
  deliveriesPerSec: number;
  latency: LatencySummary;
  /** Delivery ids answered 2xx (not written to the results file). */
  ackedIds: string[];
}
