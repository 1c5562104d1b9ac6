import { setTimeout as sleep } from 'node:timers/promises';
import { checkIntegrity, type IntegrityCheck } from './check.js';
import { spawnServer, type ServerProcess, type SpawnOptions } from './child.js';
import { createDeliveryFactory } from './deliveries.js';
import { runPaced } from './paced.js';
import type { PhaseResult } from './phase.js';
import { runClosedLoop } from './saturation.js';
import { prepareExternalServices, type ExternalServices } from './services.js';
import type { ServerStats, Variant } from './types.js';

/** The load plan, the same for every variant. */
export const plan = {
  warmUp: { amount: 300, connections: 8 },
  fixedRate: { rate: 200, count: 2_000 },
  saturation: { connections: 32, durationS: 10 },
} as const;

export type PublicPhase = Omit<PhaseResult, 'ackedIds'>;

export interface VariantResult {
  variant: Variant;
  warmUp: PublicPhase;
  fixedRate: PublicPhase;
  saturation: PublicPhase;
  /** Null for the bare app, which stores nothing. */
  stats: Omit<ServerStats, 'runDeliveryIds'> | null;
  check: IntegrityCheck | null;
}

function strip({ ackedIds: _ids, ...rest }: PhaseResult): PublicPhase {
  return rest;
}

/** Runs a phase and adds what the server process spent on it. */
async function measureServer(server: ServerProcess, phase: () => Promise<PhaseResult>): Promise<PhaseResult> {
  const before = await server.usage();
  const result = await phase();
  const after = await server.usage();
  const cpuMs = after.cpuMs - before.cpuMs;
  const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  result.server = {
    cpuMsPerDelivery: result.acked2xx > 0 ? round(cpuMs / result.acked2xx, 3) : Number.NaN,
    cpuCores: round(cpuMs / 1000 / result.durationS, 2),
    eventLoopUtilization: after.eventLoopUtilization,
    rssMiB: after.rssMiB,
  };
  return result;
}

/** Starts the variant's server in a child process, loads it phase by phase, then counts what it stored. */
export async function runVariant(variant: Variant, spawnOptions: SpawnOptions = {}): Promise<VariantResult> {
  const services: ExternalServices | undefined =
    variant === 'postgres+redis' ? await prepareExternalServices() : undefined;
  const env: Record<string, string> = services
    ? { BENCH_DATABASE_URL: services.databaseUrl, BENCH_REDIS_URL: services.redisUrl }
    : {};
  const server = await spawnServer(variant, { ...spawnOptions, env: { ...spawnOptions.env, ...env } });
  try {
    // Issues exist on the twin for the warm-up deliveries. Octokit's throttling sends the app's 👀 reactions
    // (POSTs) one per second, so later issues are never reached within a run (see stats.githubCalls).
    await server.ensureIssues(plan.warmUp.amount);
    const deliveries = createDeliveryFactory(server.ready);
    const url = server.ready.url;
    const measured = (phase: () => Promise<PhaseResult>) => measureServer(server, phase);
    const warmUp = await measured(() => runClosedLoop(url, deliveries, { phase: 'warm-up', ...plan.warmUp }));
    await sleep(500);
    const fixedRate = await measured(() => runPaced(url, deliveries, plan.fixedRate));
    await sleep(500);
    const saturation = await measured(() =>
      runClosedLoop(url, deliveries, { phase: 'saturation', ...plan.saturation }),
    );
    // Deliveries cut off at the end of the phase may still be in the server; let them finish.
    await sleep(1_000);
    const stats = await server.stats();
    const acked = [...warmUp.ackedIds, ...fixedRate.ackedIds, ...saturation.ackedIds];
    const check = stats ? checkIntegrity(stats, warmUp.sent + fixedRate.sent + saturation.sent, acked) : null;
    const publicStats = stats ? (({ runDeliveryIds: _ids, ...rest }) => rest)(stats) : null;
    return {
      variant,
      warmUp: strip(warmUp),
      fixedRate: strip(fixedRate),
      saturation: strip(saturation),
      stats: publicStats,
      check,
    };
  } finally {
    await server.stop();
    await services?.release();
  }
}
