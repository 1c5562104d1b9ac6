/** Ranks (1-based) of the gold files in a ranked list of paths; missing files are left out. */
export function goldRanks(ranked: string[], gold: string[]): number[] {
  return gold.map((g) => ranked.indexOf(g) + 1).filter((r) => r > 0);
}

export interface TaskScore {
  /** Share of gold files in the top k. */
  recallAt: Record<1 | 5 | 10, number>;
  /** 1 / rank of the first gold file (0 when none is in the list). */
  reciprocalRank: number;
}

export function scoreTask(ranked: string[], gold: string[]): TaskScore {
  const ranks = goldRanks(ranked, gold);
  const recall = (k: number): number => ranks.filter((r) => r <= k).length / gold.length;
  const first = ranks.length > 0 ? Math.min(...ranks) : 0;
  return {
    recallAt: { 1: recall(1), 5: recall(5), 10: recall(10) },
    reciprocalRank: first > 0 ? 1 / first : 0,
  };
}

export interface Summary {
  tasks: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrr: number;
}

export function summarize(scores: TaskScore[]): Summary {
  const mean = (f: (s: TaskScore) => number): number =>
    scores.length === 0 ? 0 : Number((scores.reduce((n, s) => n + f(s), 0) / scores.length).toFixed(4));
  return {
    tasks: scores.length,
    recallAt1: mean((s) => s.recallAt[1]),
    recallAt5: mean((s) => s.recallAt[5]),
    recallAt10: mean((s) => s.recallAt[10]),
    mrr: mean((s) => s.reciprocalRank),
  };
}

/** The p-th percentile (nearest rank) of some numbers; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

/** Task-weighted mean of per-set summaries: every task counts once, whatever its set. */
export function pooled(summaries: Summary[]): Summary {
  const tasks = summaries.reduce((n, s) => n + s.tasks, 0);
  const mean = (f: (s: Summary) => number): number =>
    tasks === 0 ? 0 : Number((summaries.reduce((n, s) => n + f(s) * s.tasks, 0) / tasks).toFixed(4));
  return {
    tasks,
    recallAt1: mean((s) => s.recallAt1),
    recallAt5: mean((s) => s.recallAt5),
    recallAt10: mean((s) => s.recallAt10),
    mrr: mean((s) => s.mrr),
  };
}
