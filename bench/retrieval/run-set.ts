import type { CodeIndex } from '../../src/codeindex/index.js';
import { gitOutput } from '../../src/integrations/git/index.js';
import { buildFileBm25 } from './bm25-files.js';
import { scoreTask, summarize, type Summary, type TaskScore } from './metrics.js';
import type { Task } from './task.js';

export const SYSTEMS = ['bm25-files', 'local-embedder', 'hybrid'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export interface SystemResult extends Summary {
  msPerQuery: number;
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
  incremental: { runs: number; filesEmbedded: number; filesRemoved: number; seconds: number };
  /** Building the baseline's whole-file BM25, summed over trees. */
  baselineBuild: { builds: number; files: number; seconds: number };
  systems: Record<SystemName, SystemResult>;
}

/** The local embedder alone: vector similarity, nothing else. */
const VECTOR_ONLY = { vector: 1, chunkLexical: 0, fileLexical: 0, symbol: 0, path: 0, kindPrior: 0 };

async function byParentTime(repoDir: string, tasks: Task[]): Promise<Task[]> {
  const times = new Map<string, number>();
  for (const t of tasks)
    times.set(t.id, Number((await gitOutput(repoDir, ['log', '-1', '--format=%ct', t.parent])).trim()));
  return [...tasks].sort((a, b) => (times.get(a.id) ?? 0) - (times.get(b.id) ?? 0));
}

/** Runs every task of a set against the three systems, indexing each task's tree incrementally. */
export async function runSet(
  codeIndex: CodeIndex,
  repoDir: string,
  set: string,
  tasks: Task[],
  log: (line: string) => void,
): Promise<SetResult> {
  const repo = `bench/${set}`;
  const ordered = await byParentTime(repoDir, tasks);
  const scores: Record<SystemName, TaskScore[]> = { 'bm25-files': [], 'local-embedder': [], hybrid: [] };
  const queryMs: Record<SystemName, number> = { 'bm25-files': 0, 'local-embedder': 0, hybrid: 0 };
  const result: Omit<SetResult, 'systems'> = {
    set,
    repo: tasks[0]?.repo ?? '',
    tasks: ordered.length,
    firstIndex: { files: 0, chunks: 0, seconds: 0, filesPerSecond: 0, chunksPerSecond: 0 },
    incremental: { runs: 0, filesEmbedded: 0, filesRemoved: 0, seconds: 0 },
    baselineBuild: { builds: 0, files: 0, seconds: 0 },
  };
  let lastTree: string | undefined;
  let baseline: Awaited<ReturnType<typeof buildFileBm25>> | undefined;
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
      }
      await codeIndex.searchCode(repo, 'warm up the lexicon', { k: 1 });
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
      queryMs[system] += performance.now() - started;
      scores[system].push(scoreTask(ranked, task.gold));
    };
    await timed('bm25-files', async () => baseline?.search(task.query, 10) ?? []);
    await timed('local-embedder', async () =>
      (await codeIndex.searchCode(repo, task.query, { k: 10, weights: VECTOR_ONLY })).hits.map((h) => h.path),
    );
    await timed('hybrid', async () =>
      (await codeIndex.searchCode(repo, task.query, { k: 10 })).hits.map((h) => h.path),
    );
    if ((n + 1) % 10 === 0) log(`  ${set}: ${n + 1}/${ordered.length} tasks`);
  }
  const summaryOf = (s: SystemName): SystemResult => ({
    ...summarize(scores[s]),
    msPerQuery: Number((queryMs[s] / Math.max(1, ordered.length)).toFixed(2)),
  });
  const systems = {
    'bm25-files': summaryOf('bm25-files'),
    'local-embedder': summaryOf('local-embedder'),
    hybrid: summaryOf('hybrid'),
  };
  return { ...result, systems };
}
