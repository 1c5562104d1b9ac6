/** Order statistics over a sample (nearest-rank), rounded to 0.1 ms. */
export interface Summary {
  n: number;
  p50: number;
  p90: number;
  mean: number;
  max: number;
}

const round = (v: number): number => Math.round(v * 10) / 10;

export function summarize(values: readonly number[]): Summary {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0)
    return { n: 0, p50: Number.NaN, p90: Number.NaN, mean: Number.NaN, max: Number.NaN };
  const rank = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return {
    n: sorted.length,
    p50: round(rank(0.5)),
    p90: round(rank(0.9)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
