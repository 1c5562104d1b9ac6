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
  /** The server process during the phase (set by the variant runner). */
  server?: ServerDuringPhase;
  /** Delivery ids answered 2xx (not written to the results file). */
  ackedIds: string[];
  /** Every 2xx latency sample, ms (not written to the results file). */
  latencies: number[];
}

/** How hard the server process worked during a phase. */
export interface ServerDuringPhase {
  /** Server CPU time (user + system) per 2xx delivery, ms. */
  cpuMsPerDelivery: number;
  /** Server CPU time over phase time: 1 = one core busy. */
  cpuCores: number;
  eventLoopUtilization: number;
  rssMiB: number;
}
