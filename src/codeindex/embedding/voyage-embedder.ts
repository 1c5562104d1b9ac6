import { createHttpEmbedder } from './http-embedder.js';
import type { Embedder } from './types.js';

export interface VoyageEmbedderOptions {
  apiKey: string;
  /** Defaults to `voyage-code-3`. */
  model?: string;
  /** Defaults to `https://api.voyageai.com/v1`. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

/** Voyage AI embeddings (`POST {baseUrl}/embeddings`, `input_type` document/query). */
export function createVoyageEmbedder(options: VoyageEmbedderOptions): Embedder {
  const model = options.model ?? 'voyage-code-3';
  const baseUrl = (options.baseUrl ?? 'https://api.voyageai.com/v1').replace(/\/$/, '');
  return createHttpEmbedder({
    provider: 'voyage',
    model,
    url: `${baseUrl}/embeddings`,
    apiKey: options.apiKey,
    maxBatchSize: 128,
    fetchImpl: options.fetchImpl,
    body: (input, kind) => ({ model, input, input_type: kind, truncation: true }),
  });
}
