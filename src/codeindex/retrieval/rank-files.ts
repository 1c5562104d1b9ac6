import type { Bm25Hit } from '../lexical/bm25.js';
import type { ChunkRef, RepoLexicon } from '../lexical/repo-lexicon.js';
import type { QueryAnalysis } from './analyze-query.js';
import { fileKindPrior } from './file-kind-prior.js';
import { matchesScope, pathSignals } from './path-signals.js';
import type { HybridWeights } from './weights.js';

export interface VectorHit {
  id: string;
  similarity: number;
}

export interface RankedChunk {
  ref: ChunkRef;
  score: number;
}

export interface RankedFile {
  path: string;
  score: number;
  /** The file's best chunks, best first. */
  chunks: RankedChunk[];
}

function maxOf(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

/**
 * Fuses vector similarity, chunk and file BM25, declared-symbol matches and path mentions into one
 * score per file, and keeps each file's best chunks for snippets.
 */
export function rankFiles(
  lexicon: RepoLexicon,
  query: QueryAnalysis,
  signals: { vector: VectorHit[]; chunkLexical: Bm25Hit[]; fileLexical: Bm25Hit[] },
  weights: HybridWeights,
): RankedFile[] {
  const chunkScores = new Map<number, { vector: number; lexical: number; symbol: number }>();
  const entry = (i: number): { vector: number; lexical: number; symbol: number } => {
    let e = chunkScores.get(i);
    if (!e) {
      e = { vector: 0, lexical: 0, symbol: 0 };
      chunkScores.set(i, e);
    }
    return e;
  };
  const maxVector = maxOf(signals.vector.map((h) => h.similarity));
  for (const hit of signals.vector) {
    const i = lexicon.chunkDocById.get(hit.id);
    if (i !== undefined && maxVector > 0) entry(i).vector = Math.max(0, hit.similarity) / maxVector;
  }
  const maxChunkLex = maxOf(signals.chunkLexical.map((h) => h.score));
  for (const hit of signals.chunkLexical) entry(hit.doc).lexical = hit.score / maxChunkLex;
  for (const i of lexicon.chunksDeclaring(new Set(query.identifiers))) entry(i).symbol = 1;

  const files = new Map<string, RankedFile & { fileLexical: number; pathScore: number }>();
  const file = (path: string): RankedFile & { fileLexical: number; pathScore: number } => {
    let f = files.get(path);
    if (!f) {
      f = { path, score: 0, chunks: [], fileLexical: 0, pathScore: 0 };
      files.set(path, f);
    }
    return f;
  };
  for (const [i, s] of chunkScores) {
    const ref = lexicon.chunks.get(i);
    if (!ref) continue;
    const score = weights.vector * s.vector + weights.chunkLexical * s.lexical + weights.symbol * s.symbol;
    file(ref.path).chunks.push({ ref, score });
  }
  const maxFileLex = maxOf(signals.fileLexical.map((h) => h.score));
  for (const hit of signals.fileLexical) {
    const path = lexicon.pathOf.get(hit.doc);
    if (path) file(path).fileLexical = hit.score / maxFileLex;
  }
  for (const [path, score] of pathSignals(lexicon.files.keys(), query)) file(path).pathScore = score;

  // Files fixed often are fixed again (log-scaled, relative to the most changed candidate).
  let maxChanges = 0;
  if (weights.history > 0)
    for (const f of files.values()) maxChanges = Math.max(maxChanges, lexicon.changeCounts.get(f.path) ?? 0);
  const historyOf = (path: string): number =>
    maxChanges > 0
      ? 1 + (weights.history * Math.log1p(lexicon.changeCounts.get(path) ?? 0)) / Math.log1p(maxChanges)
      : 1;
  for (const f of files.values()) {
    f.chunks.sort((a, b) => b.score - a.score);
    if (f.chunks.length === 0) {
      const first = lexicon.files.get(f.path)?.chunks[0];
      const ref = first !== undefined ? lexicon.chunks.get(first) : undefined;
      if (ref) f.chunks.push({ ref, score: 0 });
    }
    const best = f.chunks[0]?.score ?? 0;
    const second = f.chunks[1]?.score ?? 0;
    const scope = weights.scope > 0 && matchesScope(f.path, query) ? weights.scope : 0;
    const evidence =
      best + 0.1 * second + weights.fileLexical * f.fileLexical + weights.path * f.pathScore + scope;
    f.score = evidence * historyOf(f.path) * (weights.kindPrior > 0 ? fileKindPrior(f.path, query.title) : 1);
  }
  return [...files.values()]
    .map(({ path, score, chunks }) => ({ path, score, chunks }))
    .sort((a, b) => b.score - a.score);
}
