import { setTimeout as sleep } from 'node:timers/promises';
import type { PhaseResult } from './phase.js';
import { runPaced } from './paced.js';
import { markdownTable, verdicts } from './report.js';
import {
  finishVariant,
  measureServer,
  mergeRounds,
  plan,
  startVariant,
  stopVariant,
  type StartedVariant,
  type VariantResult,
} from './run-variant.js';
import { runClosedLoop } from './saturation.js';
import { variants, type Variant } from './types.js';

/**
 * The webhook benchmark: every variant's server in its own child process, all up at once. The 200/s phase
 * alternates between them round by round; saturation runs one variant after the other.
 */
export async function runWebhooksBench(
  log: (line: string) => void,
): Promise<{ table: string; data: unknown }> {
  // BENCH_VARIANTS=bare,postgres+redis runs a subset (the baseline ratios need `bare`).
  const only = process.env['BENCH_VARIANTS']?.split(',').map((v) => v.trim());
  const selected = variants.filter((v) => !only || only.includes(v));
  const started: StartedVariant[] = [];
  try {
    for (const variant of selected) {
      log(`webhooks: starting ${variant}…`);
      started.push(await startVariant(variant));
    }
    const rounds = new Map<Variant, PhaseResult[]>(selected.map((v) => [v, []]));
    for (let r = 0; r < plan.fixedRate.rounds; r += 1) {
      // Each round starts with a different variant, so none always follows the same neighbour.
      for (const s of rotate(started, r)) {
        await sleep(200);
        const result = await measureServer(s.server, () =>
          runPaced(s.server.ready.url, s.deliveries, {
            rate: plan.fixedRate.rate,
            count: plan.fixedRate.deliveriesPerRound,
          }),
        );
        rounds.get(s.variant)?.push(result);
        log(`webhooks: round ${r + 1}/${plan.fixedRate.rounds} ${s.variant}: p99 ${result.latency.p99} ms`);
      }
    }
    const results: VariantResult[] = [];
    for (const s of started) {
      await sleep(500);
      const saturation = await measureServer(s.server, () =>
        runClosedLoop(s.server.ready.url, s.deliveries, { phase: 'saturation', ...plan.saturation }),
      );
      // Deliveries cut off at the end of the phase may still be in the server; let them finish.
      await sleep(1_000);
      const result = await finishVariant(s, mergeRounds(rounds.get(s.variant) ?? []), saturation);
      log(
        `webhooks: ${s.variant}: 200/s p99 ${result.fixedRate.latency.p99} ms; saturation ${result.saturation.deliveriesPerSec}/s` +
          (result.check ? `; integrity ${result.check.ok ? 'ok' : result.check.problems.join(', ')}` : ''),
      );
      results.push(result);
    }
    return {
      table: markdownTable(results),
      data: {
        plan,
        notes: [
          'Acknowledgement latency: from the scheduled send (fixed rate) or the request write (saturation) to the end of the 2xx answer.',
          'Each server runs in its own child process (node --import tsx); the load generator runs in the parent, on the same 2 cores. All servers are up during the whole run.',
          `200/s: ${plan.fixedRate.rounds} rounds of ${plan.fixedRate.deliveriesPerRound} deliveries per variant, variants alternating; percentiles are over all samples of a variant (fixedRate.roundP99s has each round's p99).`,
          'bare+commit is the bare app plus one durable PostgreSQL commit per delivery before the answer: the floor for an app that records a delivery before it answers.',
          'Each app variant has the GitHub twin in a process of its own (twin-child.ts), as GitHub is remote in production; it answers the first permission/config lookups and the background 👀 reactions.',
          'Background 👀 reactions go through Probot Octokit write throttling (one POST per second), so almost all of them are still queued in the server when the run ends (see stats.githubCalls).',
          'server.cpuMsPerDelivery is the server process CPU (user+system) per 2xx delivery.',
        ],
        results,
        targets: verdicts(results),
      },
    };
  } finally {
    for (const s of started) await stopVariant(s);
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = items.length > 0 ? by % items.length : 0;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
