/** Turns texts into vectors. The `modelId` is stored with a collection; a different id rebuilds it. */
export interface Embedder {
  /** Stable id of the model and its settings, e.g. `local-hash-v1-1024` or `voyage/voyage-code-3`. */
  readonly modelId: string;
  /** How many texts one `embedDocuments` call should get at most. */
  readonly maxBatchSize: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}
