import type { TermCounts } from './tokenize.js';

/** Turns texts into vectors. The `modelId` is stored with a collection; a different id rebuilds it. */
export interface Embedder {
  /** Stable id of the model and its settings, e.g. `local-hash-v1-1024` or `voyage/voyage-code-3`. */
  readonly modelId: string;
  /** How many texts one `embedDocuments` call should get at most. */
  readonly maxBatchSize: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  /**
   * The same vectors as `embedDocuments`, from texts already tokenised by `countTerms` (indexing counts
   * every chunk's terms for BM25 anyway). Only embedders that work from tokens have it.
   */
  embedCounted?(texts: TermCounts[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}
