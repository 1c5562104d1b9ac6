import type { CodeIndex } from '../../src/codeindex/index.js';
import { gitOutput } from '../../src/integrations/git/index.js';
import { buildFileBm25 } from './bm25-files.js';
import { percentile, scoreTask, summarize, type Summary, type TaskScore } from './metrics.js';
import type { Task } from './task.js';

export const SYSTEMS = ['bm25', 'bm25-paths', 'local-embedder', 'hybrid'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export interface SystemResult extends Summary {
  msPerQuery: number;
  p99Ms: number;
}

export interface SetResult {
  set: string;
  repo: string;
  tasks: number;
  /** First full index of the oldest tree. */
  firstIndex: {
    files: number;
    chunks: number;
    seconds: number;
    filesPerSecond: number;
    chunksPerSecond: number;
  };
  /** Incremental re-indexes between task trees. */
  incremental: {
    runs: number;
    filesEmbedded: number;
    filesRemoved: number;
    seconds: number;
    filesPerSecond: number;
    /** Median time of the incremental runs that re-embedded exactly one file (null when none did). */
    oneFileReindexMs: number | null;
    oneFileRuns: number;
  };
  /** The first search after an index: after the first index, and the slowest after an incremental one. */
  firstSearch: { afterFirstIndexMs: number; afterIncrementalMaxMs: number };
  /** Peak resident memory of the benchmark process during the set (Chroma runs in its own process). */
  peakRssMiB: number;
  /** Building the baselines' whole-file BM25, summed over trees. */
  baselineBuild: { builds: number; files: number; seconds: number };
  systems: Record<SystemName, SystemResult>;
}

/** The local embedder alone: vector similarity, nothing else. */
const VECTOR_ONLY = {
  vector: 1,
  chunkLexical: 0,
  fileLexical: 0,
  symbol: 0,
  path: 0,
  scope: 0,
  history: 0,
  kindPrior: 0,
};

async function byParentTime(repoDir: string, tasks: Task[]): Promise<Task[]> {
  const times = new Map<string, number>();
  for (const t of tasks)
    times.set(t.id, Number((await gitOutput(repoDir, ['log', '-1', '--format=%ct', t.parent])).trim()));
  return [...tasks].sort((a, b) => (times.get(a.id) ?? 0) - (times.get(b.id) ?? 0));
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  return percentile(values, 50);
}

/** Runs every task of a set against every system, indexing each task's tree incrementally. */
export async function runSet(
  codeIndex: CodeIndex,
  repoDir: string,
  set: string,
  tasks: Task[],
  log: (line: string) => void,
): Promise<SetResult> {
  const repo = `bench/${set}`;
  const ordered = await byParentTime(repoDir, tasks);
  const scores = Object.fromEntries(SYSTEMS.map((s) => [s, [] as TaskScore[]])) as Record<
    SystemName,
    TaskScore[]
  >;
  const queryMs = Object.fromEntries(SYSTEMS.map((s) => [s, [] as number[]])) as Record<SystemName, number[]>;
  const oneFileMs: number[] = [];
  const firstSearchMs: number[] = [];
  const result: Omit<SetResult, 'systems' | 'peakRssMiB' | 'firstSearch'> = {
    set,
    repo: tasks[0]?.repo ?? '',
    tasks: ordered.length,
    firstIndex: { files: 0, chunks: 0, seconds: 0, filesPerSecond: 0, chunksPerSecond: 0 },
    incremental: {
      runs: 0,
      filesEmbedded: 0,
      filesRemoved: 0,
      seconds: 0,
      filesPerSecond: 0,
      oneFileReindexMs: null,
      oneFileRuns: 0,
    },
    baselineBuild: { builds: 0, files: 0, seconds: 0 },
  };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  let lastTree: string | undefined;
  let baseline: Awaited<ReturnType<typeof buildFileBm25>> | undefined;
  try {
    for (const [n, task] of ordered.entries()) {
      if (task.parent !== lastTree) {
        const stats = await codeIndex.indexRepository({ repoDir, repoFullName: repo, commit: task.parent });
        const seconds = stats.durationMs / 1000;
        if (lastTree === undefined) {
          result.firstIndex = {
            files: stats.filesEmbedded,
            chunks: stats.chunksUpserted,
            seconds,
            filesPerSecond: Math.round(stats.filesEmbedded / seconds),
            chunksPerSecond: Math.round(stats.chunksUpserted / seconds),
          };
        } else {
          result.incremental.runs++;
          result.incremental.filesEmbedded += stats.filesEmbedded;
          result.incremental.filesRemoved += stats.filesRemoved;
          result.incremental.seconds += seconds;
          if (stats.filesEmbedded === 1 && stats.filesRemoved === 0) oneFileMs.push(stats.durationMs);
        }
        // The first search after an index pays for whatever the index left undone (the lexicon).
        const searchStarted = performance.now();
        await codeIndex.searchCode(repo, 'warm up the lexicon', { k: 1 });
        firstSearchMs.push(performance.now() - searchStarted);
        const started = performance.now();
        baseline = await buildFileBm25(repoDir, task.parent);
        result.baselineBuild.builds++;
        result.baselineBuild.files += baseline.files;
        result.baselineBuild.seconds += (performance.now() - started) / 1000;
        lastTree = task.parent;
      }
      const timed = async (system: SystemName, run: () => Promise<string[]>): Promise<void> => {
        const started = performance.now();
        const ranked = await run();
        queryMs[system].push(performance.now() - started);
        scores[system].push(scoreTask(ranked, task.gold));
      };
      await timed('bm25', async () => baseline?.search(task.query, 10) ?? []);
      await timed('bm25-paths', async () => baseline?.searchWithPaths(task.query, 10) ?? []);
      await timed('local-embedder', async () =>
        (await codeIndex.searchCode(repo, task.query, { k: 10, weights: VECTOR_ONLY })).hits.map(
          (h) => h.path,
        ),
      );
      await timed('hybrid', async () =>
        (await codeIndex.searchCode(repo, task.query, { k: 10 })).hits.map((h) => h.path),
      );
      if ((n + 1) % 10 === 0) log(`  ${set}: ${n + 1}/${ordered.length} tasks`);
    }
  } finally {
    clearInterval(sampler);
  }
  const inc = result.incremental;
  inc.seconds = round(inc.seconds, 3);
  inc.filesPerSecond = inc.seconds > 0 ? Math.round(inc.filesEmbedded / inc.seconds) : 0;
  inc.oneFileReindexMs = median(oneFileMs);
  inc.oneFileRuns = oneFileMs.length;
  const summaryOf = (s: SystemName): SystemResult => ({
    ...summarize(scores[s]),
    msPerQuery: round(queryMs[s].reduce((a, b) => a + b, 0) / Math.max(1, queryMs[s].length)),
    p99Ms: round(percentile(queryMs[s], 99)),
  });
  return {
    ...result,
    firstSearch: {
      afterFirstIndexMs: round(firstSearchMs[0] ?? 0, 1),
      afterIncrementalMaxMs: round(Math.max(0, ...firstSearchMs.slice(1)), 1),
    },
    peakRssMiB: Math.round(peakRss / 1024 / 1024),
    systems: Object.fromEntries(SYSTEMS.map((s) => [s, summaryOf(s)])) as Record<SystemName, SystemResult>,
  };
}
