import { checkIntegrity, type IntegrityCheck } from './check.js';
import { spawnServer, type ServerProcess } from './child.js';
import { createDeliveryFactory, type DeliveryFactory } from './deliveries.js';
import { summarize } from './latency.js';
import type { PhaseResult, ServerDuringPhase } from './phase.js';
import { runPaced } from './paced.js';
import { runClosedLoop } from './saturation.js';
import { prepareExternalServices, servicesEnv, type ExternalServices } from './services.js';
import { usesExternalServices, type ServerStats, type Variant } from './types.js';

/**
 * The load plan, the same for every variant. The 200/s phase is split into rounds that alternate between
 * the variants (all servers stay up), so a burst of noise from elsewhere on the machine lands on every
 * variant alike instead of on whichever happened to run then.
 */
export const plan = {
  // Closed loop first (every code path, with concurrency), then 20 s at the measured rate: a server keeps
  // getting faster for about that long as V8 optimizes its hot code (the app's p99 at 200/s fell from 7.2 ms
  // in the first 5 s to 2.5 ms after 20 s; the bare app's from 3.2 to 1.2 ms). GitHub meets servers that
  // have been up for days, so every variant is measured warm.
  warmUp: { amount: 300, connections: 8, pacedCount: 4_000 },
  fixedRate: { rate: 200, rounds: 10, deliveriesPerRound: 1_000 },
  saturation: { connections: 32, durationS: 10 },
} as const;

export type PublicPhase = Omit<PhaseResult, 'ackedIds' | 'latencies'>;

export interface VariantResult {
  variant: Variant;
  warmUp: PublicPhase;
  fixedRate: PublicPhase & { roundP99s: number[] };
  saturation: PublicPhase;
  /** Null for the servers that store nothing the app would (bare, bare+commit). */
  stats: Omit<ServerStats, 'runDeliveryIds'> | null;
  check: IntegrityCheck | null;
}

/** A variant's server, up and warmed: its phases are run by the caller. */
export interface StartedVariant {
  variant: Variant;
  server: ServerProcess;
  deliveries: DeliveryFactory;
  warmUp: PhaseResult;
  services: ExternalServices | undefined;
}

export function strip({ ackedIds: _ids, latencies: _l, ...rest }: PhaseResult): PublicPhase {
  return rest;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Runs a phase and adds what the server process spent on it. */
export async function measureServer(
  server: ServerProcess,
  phase: () => Promise<PhaseResult>,
): Promise<PhaseResult> {
  const before = await server.usage();
  const result = await phase();
  const after = await server.usage();
  const cpuMs = after.cpuMs - before.cpuMs;
  result.server = {
    cpuMsPerDelivery: result.acked2xx > 0 ? round(cpuMs / result.acked2xx, 3) : Number.NaN,
    cpuCores: round(cpuMs / 1000 / result.durationS, 2),
    eventLoopUtilization: after.eventLoopUtilization,
    rssMiB: after.rssMiB,
  };
  return result;
}

/** Starts the variant's server in a child process (with a fresh database where it needs one) and warms it up. */
export async function startVariant(variant: Variant): Promise<StartedVariant> {
  const services = usesExternalServices(variant)
    ? await prepareExternalServices({ redis: variant === 'postgres+redis' })
    : undefined;
  const server = await spawnServer(variant, { env: servicesEnv(services) });
  // Issues exist on the twin for the closed-loop warm-up's deliveries. Octokit's throttling sends the app's 👀
  // reactions (POSTs) one per second, so later issues are never reached within a run (see stats.githubCalls).
  await server.ensureIssues(plan.warmUp.amount);
  const deliveries = createDeliveryFactory(server.ready);
  const { amount, connections, pacedCount } = plan.warmUp;
  const closedLoop = await runClosedLoop(server.ready.url, deliveries, {
    phase: 'warm-up',
    amount,
    connections,
  });
  const paced = await runPaced(server.ready.url, deliveries, {
    rate: plan.fixedRate.rate,
    count: pacedCount,
  });
  const { roundP99s: _p99s, ...merged } = mergeRounds([closedLoop, paced]);
  const warmUp = { ...merged, generator: `${closedLoop.generator}, then ${paced.generator}` };
  return { variant, server, deliveries, warmUp, services };
}

/** The rounds of one variant's 200/s phase as one phase: percentiles over every sample of every round. */
export function mergeRounds(rounds: readonly PhaseResult[]): PhaseResult & { roundP99s: number[] } {
  const sum = (pick: (r: PhaseResult) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  const latencies = rounds.flatMap((r) => r.latencies);
  const durationS = sum((r) => r.durationS);
  const acked2xx = sum((r) => r.acked2xx);
  const cpuMs = sum((r) => (r.server ? r.server.cpuMsPerDelivery * r.acked2xx : 0));
  const server: ServerDuringPhase | undefined = rounds[0]?.server && {
    cpuMsPerDelivery: acked2xx > 0 ? round(cpuMs / acked2xx, 3) : Number.NaN,
    cpuCores: durationS > 0 ? round(cpuMs / 1000 / durationS, 2) : Number.NaN,
    eventLoopUtilization: round(sum((r) => r.server?.eventLoopUtilization ?? 0) / rounds.length, 3),
    rssMiB: Math.max(...rounds.map((r) => r.server?.rssMiB ?? 0)),
  };
  return {
    phase: rounds[0]?.phase ?? 'fixed rate',
    generator: `${rounds[0]?.generator ?? ''}, ${rounds.length} rounds alternating with the other variants`,
    sent: sum((r) => r.sent),
    acked2xx,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    durationS: round(durationS, 2),
    deliveriesPerSec: durationS > 0 ? Math.round(acked2xx / durationS) : 0,
    latency: summarize(latencies),
    ...(server ? { server } : {}),
    ackedIds: rounds.flatMap((r) => r.ackedIds),
    latencies,
    roundP99s: rounds.map((r) => r.latency.p99),
  };
}

/** Counts what the variant stored, checks it against what was acknowledged, and stops its server. */
export async function finishVariant(
  started: StartedVariant,
  fixedRate: PhaseResult & { roundP99s: number[] },
  saturation: PhaseResult,
): Promise<VariantResult> {
  const { server, warmUp } = started;
  const stats = await server.stats();
  const acked = [...warmUp.ackedIds, ...fixedRate.ackedIds, ...saturation.ackedIds];
  const check = stats ? checkIntegrity(stats, warmUp.sent + fixedRate.sent + saturation.sent, acked) : null;
  const publicStats = stats ? (({ runDeliveryIds: _ids, ...rest }) => rest)(stats) : null;
  const { roundP99s } = fixedRate;
  return {
    variant: started.variant,
    warmUp: strip(warmUp),
    fixedRate: { ...strip(fixedRate), roundP99s },
    saturation: strip(saturation),
    stats: publicStats,
    check,
  };
}

export async function stopVariant(started: StartedVariant): Promise<void> {
  await started.server.stop();
  await started.services?.release();
}
