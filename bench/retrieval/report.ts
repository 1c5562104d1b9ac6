import type { LargeResult } from './large.js';
import { SYSTEMS, type SetResult } from './run-set.js';

const pct = (x: number): string => (x * 100).toFixed(1);

/** The results as markdown tables (quality, then indexing speed). */
export function markdownReport(
  sets: SetResult[],
  skipped: { set: string; reason: string }[],
  large: LargeResult | undefined,
): string {
  const lines = [
    '| set | tasks | system | recall@1 | recall@5 | recall@10 | MRR | ms/query |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const s of sets) {
    for (const name of SYSTEMS) {
      const r = s.systems[name];
      lines.push(
        `| ${s.set} | ${s.tasks} | ${name} | ${pct(r.recallAt1)} | ${pct(r.recallAt5)} | ${pct(r.recallAt10)} | ${r.mrr.toFixed(3)} | ${r.msPerQuery} |`,
      );
    }
  }
  lines.push(
    '',
    '| set | first index: files | chunks | s | files/s | chunks/s | incremental: runs | files re-embedded | files removed | s | BM25 baseline builds | s |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of sets) {
    const f = s.firstIndex;
    const i = s.incremental;
    lines.push(
      `| ${s.set} | ${f.files} | ${f.chunks} | ${f.seconds.toFixed(2)} | ${f.filesPerSecond} | ${f.chunksPerSecond} | ${i.runs} | ${i.filesEmbedded} | ${i.filesRemoved} | ${i.seconds.toFixed(2)} | ${s.baselineBuild.builds} | ${s.baselineBuild.seconds.toFixed(2)} |`,
    );
  }
  if (large) {
    lines.push(
      '',
      '| large tree | files | embedded | chunks | s | files/s | chunks/s | peak RSS growth MiB | lexicon build s | ms/query |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    lines.push(
      `| node_modules .ts | ${large.files} | ${large.filesEmbedded} | ${large.chunks} | ${large.seconds.toFixed(1)} | ${large.filesPerSecond} | ${large.chunksPerSecond} | ${large.peakRssGrowthMiB} | ${large.lexiconSeconds} | ${large.msPerQuery} |`,
    );
  }
  for (const s of skipped) lines.push('', `Skipped set "${s.set}": ${s.reason}`);
  return lines.join('\n');
}
