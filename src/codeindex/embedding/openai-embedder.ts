import { createHttpEmbedder } from './http-embedder.js';
import type { Embedder } from './types.js';

export interface OpenAiEmbedderOptions {
  apiKey: string;
  /** Defaults to `text-embedding-3-small`. */
  model?: string;
  /** Defaults to `https://api.openai.com/v1`. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

/** OpenAI embeddings (`POST {baseUrl}/embeddings`). */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const model = options.model ?? 'text-embedding-3-small';
  const baseUrl = (options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/$/, '');
  return createHttpEmbedder({
    provider: 'openai',
    model,
    url: `${baseUrl}/embeddings`,
    apiKey: options.apiKey,
    maxBatchSize: 256,
    fetchImpl: options.fetchImpl,
    body: (input) => ({ model, input, encoding_format: 'float' }),
  });
}
