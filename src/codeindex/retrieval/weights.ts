/** How much each signal counts in the hybrid ranking (each signal is scaled to [0, 1] first). */
export interface HybridWeights {
  /** Cosine similarity of the best chunk of the file to the query. */
  vector: number;
  /** BM25 of the best chunk of the file. */
  chunkLexical: number;
  /** BM25 of the whole file (its chunks pooled). */
  fileLexical: number;
  /** A chunk declares an identifier the query names. */
  symbol: number;
  /** The query names the file (path, file name, or its stem as an identifier). */
  path: number;
  /** The title's scope (`fix(fetch):`, `printer: …`) names the file's folder or name. */
  scope: number;
  /** Scales a file up by how often recent commits touched it (up to 1 + this, for the most changed candidate). */
  history: number;
  /** 1 to scale scores by the file-kind prior (source over tests, prose and release notes), 0 to not. */
  kindPrior: number;
}

/**
 * Picked by a grid search (`bench/retrieval/tune.ts`) on the development half of the axios task set
 * (tasks at even positions), then frozen; the other half and the other sets played no part.
 */
export const DEFAULT_WEIGHTS: HybridWeights = {
  vector: 0.3,
  chunkLexical: 0.15,
  fileLexical: 0.3,
  symbol: 0.15,
  path: 0.5,
  scope: 0.2,
  history: 0.2,
  kindPrior: 1,
};
