import type { LargeResult } from './large.js';
import type { MemoryResult } from './memory.js';
import { pooled } from './metrics.js';
import { SYSTEMS, type SetResult } from './run-set.js';

const pct = (x: number): string => (x * 100).toFixed(1);

/** The results as markdown tables (quality per set and overall, then indexing and search speed). */
export function markdownReport(
  sets: SetResult[],
  skipped: { set: string; reason: string }[],
  large: LargeResult | undefined,
  memory?: MemoryResult,
): string {
  const lines = [
    '| set | tasks | system | recall@1 | recall@5 | recall@10 | MRR | ms/query | p99 ms |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of sets) {
    for (const name of SYSTEMS) {
      const r = s.systems[name];
      lines.push(
        `| ${s.set} | ${s.tasks} | ${name} | ${pct(r.recallAt1)} | ${pct(r.recallAt5)} | ${pct(r.recallAt10)} | ${r.mrr.toFixed(3)} | ${r.msPerQuery} | ${r.p99Ms} |`,
      );
    }
  }
  if (sets.length > 1) {
    for (const name of SYSTEMS) {
      const r = pooled(sets.map((s) => s.systems[name]));
      lines.push(
        `| **overall** | ${r.tasks} | ${name} | ${pct(r.recallAt1)} | ${pct(r.recallAt5)} | ${pct(r.recallAt10)} | ${r.mrr.toFixed(3)} | | |`,
      );
    }
  }
  lines.push(
    '',
    '| set | first index: files | s | files/s | chunks/s | incremental: runs | files re-embedded | s | files/s | one-file re-index ms (runs) | first search ms: after first index | after incremental (max) | peak RSS MiB | baseline builds s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const s of sets) {
    const f = s.firstIndex;
    const i = s.incremental;
    const oneFile = i.oneFileReindexMs === null ? 'n/a' : `${i.oneFileReindexMs} (${i.oneFileRuns})`;
    lines.push(
      `| ${s.set} | ${f.files} | ${f.seconds.toFixed(2)} | ${f.filesPerSecond} | ${f.chunksPerSecond} | ${i.runs} | ${i.filesEmbedded} | ${i.seconds.toFixed(2)} | ${i.filesPerSecond} | ${oneFile} | ${s.firstSearch.afterFirstIndexMs} | ${s.firstSearch.afterIncrementalMaxMs} | ${s.peakRssMiB} | ${s.baselineBuild.seconds.toFixed(2)} |`,
    );
  }
  if (large) {
    lines.push(
      '',
      '| large tree | files | embedded | chunks | s | files/s | chunks/s | peak RSS growth MiB | first search s | ms/query | p99 ms | one-file re-index ms | first search after it ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    lines.push(
      `| node_modules .ts | ${large.files} | ${large.filesEmbedded} | ${large.chunks} | ${large.seconds.toFixed(1)} | ${large.filesPerSecond} | ${large.chunksPerSecond} | ${large.peakRssGrowthMiB} | ${large.lexiconSeconds} | ${large.msPerQuery} | ${large.p99Ms} | ${large.oneFileReindexMs} | ${large.firstSearchAfterOneFileMs} |`,
    );
  }
  if (memory) {
    lines.push(
      '',
      '| generated tree (fresh process) | files | chunks | s | files/s | peak RSS growth MiB | peak heap growth MiB | heap kept after GC MiB |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      `| generated .ts | ${memory.files} | ${memory.chunks} | ${memory.seconds.toFixed(1)} | ${Math.round(memory.filesEmbedded / memory.seconds)} | ${memory.peakRssGrowthMiB} | ${memory.peakHeapGrowthMiB} | ${memory.retainedHeapGrowthMiB} |`,
    );
  }
  for (const s of skipped) lines.push('', `Skipped set "${s.set}": ${s.reason}`);
  return lines.join('\n');
}
