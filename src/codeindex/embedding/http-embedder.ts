import { z } from 'zod';
import type { Embedder } from './types.js';

/** Thrown when a hosted embedding API refuses a request; `retryable` says whether trying again may help. */
export class EmbeddingApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'EmbeddingApiError';
  }
}

const embeddingResponseSchema = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int() })),
});

export interface HttpEmbedderOptions {
  provider: string;
  model: string;
  url: string;
  apiKey: string;
  maxBatchSize: number;
  /** Builds the JSON body for one request. */
  body: (input: string[], kind: 'document' | 'query') => Record<string, unknown>;
  /** Attempts for 429 and 5xx answers (with exponential back-off). */
  maxAttempts?: number;
  fetchImpl?: typeof fetch;
}

/** An embedder backed by an OpenAI-style `POST /embeddings` endpoint (`{ data: [{ embedding, index }] }`). */
export function createHttpEmbedder(options: HttpEmbedderOptions): Embedder {
  const doFetch = options.fetchImpl ?? fetch;
  const maxAttempts = options.maxAttempts ?? 4;

  async function request(input: string[], kind: 'document' | 'query'): Promise<number[][]> {
    for (let attempt = 1; ; attempt++) {
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify(options.body(input, kind)),
      });
      if (response.ok) {
        const parsed = embeddingResponseSchema.parse(await response.json());
        const vectors = new Array<number[]>(input.length);
        for (const item of parsed.data) vectors[item.index] = item.embedding;
        if (vectors.some((v) => v === undefined) || parsed.data.length !== input.length) {
          throw new EmbeddingApiError(
            `${options.provider} returned ${parsed.data.length} vectors for ${input.length} inputs`,
            502,
            false,
          );
        }
        return vectors;
      }
      const retryable = response.status === 429 || response.status >= 500;
      const detail = (await response.text()).slice(0, 300);
      if (!retryable || attempt >= maxAttempts) {
        throw new EmbeddingApiError(
          `${options.provider} embeddings request failed with HTTP ${response.status}: ${detail}` +
            (response.status === 401 ? ' (check the API key)' : ''),
          response.status,
          retryable,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (attempt - 1)));
    }
  }

  return {
    modelId: `${options.provider}/${options.model}`,
    maxBatchSize: options.maxBatchSize,
    embedDocuments: async (texts) => {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += options.maxBatchSize) {
        out.push(...(await request(texts.slice(i, i + options.maxBatchSize), 'document')));
      }
      return out;
    },
    embedQuery: async (text) => {
      const [vector] = await request([text], 'query');
      if (!vector)
        throw new EmbeddingApiError(`${options.provider} returned no vector for the query`, 502, false);
      return vector;
    },
  };
}
