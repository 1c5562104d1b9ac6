import { setTimeout as sleep } from 'node:timers/promises';
import { checkIntegrity, type IntegrityCheck } from './check.js';
import { spawnServer, type SpawnOptions } from './child.js';
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

/** Starts the variant's server in a child process, loads it phase by phase, then counts what it stored. */
export async function runVariant(variant: Variant, spawnOptions: SpawnOptions = {}): Promise<VariantResult> {
  const services: ExternalServices | undefined = variant === 'postgres+redis' ? await prepareExternalServices() : undefined;
  const env: Record<string, string> = services
    ? { BENCH_DATABASE_URL: services.databaseUrl, BENCH_REDIS_URL: services.redisUrl }
    : {};
  const server = await spawnServer(variant, { ...spawnOptions, env: { ...spawnOptions.env, ...env } });
  try {
    // Issues exist on the twin for the warm-up and fixed-rate deliveries, so their 👀 reactions succeed.
    await server.ensureIssues(plan.warmUp.amount + plan.fixedRate.count);
    const deliveries = createDeliveryFactory(server.ready);
    const url = server.ready.url;
    const warmUp = await runClosedLoop(url, deliveries, { phase: 'warm-up', ...plan.warmUp });
    await sleep(500);
    const fixedRate = await runPaced(url, deliveries, plan.fixedRate);
    await sleep(500);
    const saturation = await runClosedLoop(url, deliveries, { phase: 'saturation', ...plan.saturation });
    // Deliveries cut off at the end of the phase may still be in the server; let them finish.
    await sleep(1_000);
    const stats = await server.stats();
    const acked = [...warmUp.ackedIds, ...fixedRate.ackedIds, ...saturation.ackedIds];
    const check = stats ? checkIntegrity(stats, warmUp.sent + fixedRate.sent + saturation.sent, acked) : null;
    const publicStats = stats ? (({ runDeliveryIds: _ids, ...rest }) => rest)(stats) : null;
    return { variant, warmUp: strip(warmUp), fixedRate: strip(fixedRate), saturation: strip(saturation), stats: publicStats, check };
  } finally {
    await server.stop();
    await services?.release();
  }
}
