import type { Collection } from 'chromadb';
import type { Embedder } from '../embedding/types.js';
import type { RepoLexicon } from '../lexical/repo-lexicon.js';
import { analyzeQuery } from './analyze-query.js';
import { packSnippets } from './pack-snippets.js';
import { rankFiles, type VectorHit } from './rank-files.js';
import type { CodeSearchResult } from './types.js';
import { DEFAULT_WEIGHTS, type HybridWeights } from './weights.js';

export interface SearchCodeOptions {
  /** Files to return. Default 8. */
  k?: number;
  /** Budget for all snippets together, in estimated tokens. Default 6000. */
  tokenBudget?: number;
  /** Signal weights; a zero weight also skips computing that signal. */
  weights?: Partial<HybridWeights>;
}

/** How many hits each signal brings to the fusion (more reached the gold files of large trees: 100/200/100 before). */
const VECTOR_CANDIDATES = 200;
const CHUNK_CANDIDATES = 500;
const FILE_CANDIDATES = 300;

/** `count`: chunks in the collection (the lexicon's, kept in step with it: no round trip to ask Chroma). */
async function vectorHits(
  collection: Collection,
  embedder: Embedder,
  text: string,
  count: number,
): Promise<VectorHit[]> {
  if (count === 0) return [];
  const result = await collection.query({
    queryEmbeddings: [await embedder.embedQuery(text)],
    nResults: Math.min(VECTOR_CANDIDATES, count),
    include: ['distances'],
  });
  const ids = result.ids[0] ?? [];
  const distances = result.distances[0] ?? [];
  return ids.map((id, i) => ({ id, similarity: 1 - (distances[i] ?? 1) }));
}

/** Hybrid code search over one repository's collection and lexicon. */
export async function searchCode(
  deps: { collection: Collection; lexicon: RepoLexicon; embedder: Embedder; repoFullName: string },
  query: string,
  options: SearchCodeOptions = {},
): Promise<CodeSearchResult> {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const k = options.k ?? 8;
  const analysis = analyzeQuery(query);
  const vector =
    weights.vector > 0
      ? await vectorHits(deps.collection, deps.embedder, query, deps.lexicon.chunks.size)
      : [];
  const chunkLexical =
    weights.chunkLexical > 0 ? deps.lexicon.chunkIndex.search(analysis.tokens, CHUNK_CANDIDATES) : [];
  const fileLexical =
    weights.fileLexical > 0 ? deps.lexicon.fileIndex.search(analysis.tokens, FILE_CANDIDATES) : [];
  const ranked = rankFiles(deps.lexicon, analysis, { vector, chunkLexical, fileLexical }, weights).slice(
    0,
    k,
  );
  const ids = ranked.flatMap((f) => (f.chunks[0] ? [f.chunks[0].ref.id] : []));
  const documents = new Map<string, string>();
  if (ids.length > 0) {
    const got = await deps.collection.get({ ids, include: ['documents'] });
    got.ids.forEach((id, i) => documents.set(id, got.documents[i] ?? ''));
  }
  const { hits, tokens } = packSnippets(ranked, documents, options.tokenBudget ?? 6000);
  return { repoFullName: deps.repoFullName, commit: deps.lexicon.commit, hits, tokens };
}
