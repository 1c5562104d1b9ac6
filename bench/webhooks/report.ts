import { median } from './latency.js';
import type { VariantResult } from './run-variant.js';

const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '–');
const ratio = (v: number, base: number): string =>
  base > 0 && Number.isFinite(v) ? `${(v / base).toFixed(2)}×` : '–';

/** Targets from the issue, evaluated per app variant against the bare app of the same run. */
export interface TargetVerdicts {
  variant: string;
  p99Under25ms: boolean;
  p99Within2xBare: boolean;
  /** p99 over bare's p99 (all samples), and the median of the same ratio taken round by round. */
  p99RatioToBare: number | null;
  medianRoundP99RatioToBare: number | null;
  saturationAtLeast1000: boolean | null;
  integrity: boolean | null;
}

/** The baselines are not the app: targets apply to the app variants only. */
const isBaseline = (variant: string): boolean => variant === 'bare' || variant === 'bare+commit';

const round2 = (v: number): number => Math.round(v * 100) / 100;

export function verdicts(results: readonly VariantResult[]): TargetVerdicts[] {
  const bare = results.find((r) => r.variant === 'bare');
  return results
    .filter((r) => !isBaseline(r.variant))
    .map((r) => ({
      variant: r.variant,
      p99Under25ms: r.fixedRate.latency.p99 < 25 && r.fixedRate.non2xx === 0 && r.fixedRate.errors === 0,
      p99Within2xBare: bare ? r.fixedRate.latency.p99 <= 2 * bare.fixedRate.latency.p99 : false,
      p99RatioToBare: bare ? round2(r.fixedRate.latency.p99 / bare.fixedRate.latency.p99) : null,
      medianRoundP99RatioToBare: bare
        ? median(r.fixedRate.roundP99s.map((p99, i) => p99 / (bare.fixedRate.roundP99s[i] ?? Number.NaN)))
        : null,
      // The 1,000/s target is for PostgreSQL+Redis; the embedded figure is informative.
      saturationAtLeast1000:
        r.variant === 'postgres+redis'
          ? r.saturation.deliveriesPerSec >= 1000 && (r.check?.ok ?? false)
          : null,
      integrity: r.check?.ok ?? null,
    }));
}

const mark = (v: boolean | null): string => (v === null ? '–' : v ? '✓' : '✗');

/** The README table: one row per variant and phase, ratios against the bare app of the same run. */
export function markdownTable(results: readonly VariantResult[]): string {
  const bare = results.find((r) => r.variant === 'bare');
  const rows = [
    '| variant | phase | deliveries/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors | server CPU ms/delivery | server cores | p99 / bare | deliveries/s / bare | runs = acked, jobs = runs |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|',
  ];
  for (const r of results) {
    for (const phase of [r.fixedRate, r.saturation]) {
      const base = phase.phase === 'saturation' ? bare?.saturation : bare?.fixedRate;
      const isBare = r.variant === 'bare';
      rows.push(
        `| ${r.variant} | ${phase.phase} | ${phase.deliveriesPerSec} | ${ms(phase.latency.p50)} | ${ms(phase.latency.p90)} | ${ms(phase.latency.p99)} | ${ms(phase.latency.max)} | ${phase.non2xx} | ${phase.errors} | ${phase.server?.cpuMsPerDelivery.toFixed(2) ?? '–'} | ${phase.server?.cpuCores.toFixed(2) ?? '–'} | ${isBare || !base ? '–' : ratio(phase.latency.p99, base.latency.p99)} | ${isBare || !base ? '–' : ratio(phase.deliveriesPerSec, base.deliveriesPerSec)} | ${r.check ? `${mark(r.check.ok)} ${r.check.runs} runs / ${r.check.acked} acked / ${r.check.jobs} jobs` : '–'} |`,
      );
    }
  }
  const targets = verdicts(results).map(
    (v) =>
      `- ${v.variant}: p99 < 25 ms at 200/s ${mark(v.p99Under25ms)} · p99 ≤ 2× bare ${mark(v.p99Within2xBare)} (${v.p99RatioToBare ?? '–'}×; round by round, median ${v.medianRoundP99RatioToBare?.toFixed(2) ?? '–'}×) · ≥ 1,000 deliveries/s durably recorded and queued ${mark(v.saturationAtLeast1000)} · no lost or duplicated run ${mark(v.integrity)}`,
  );
  const floor = results.find((r) => r.variant === 'bare+commit');
  if (floor && bare)
    targets.push(
      `- floor (bare+commit): p99 ${ms(floor.fixedRate.latency.p99)} ms = ${ratio(floor.fixedRate.latency.p99, bare.fixedRate.latency.p99)} bare: what one durable commit before the answer costs on this machine`,
    );
  return [...rows, '', ...targets].join('\n');
}
