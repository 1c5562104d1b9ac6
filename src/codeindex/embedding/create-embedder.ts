import { z } from 'zod';
import { createHashingEmbedder } from './hashing-embedder.js';
import { createOpenAiEmbedder } from './openai-embedder.js';
import type { Embedder } from './types.js';
import { createVoyageEmbedder } from './voyage-embedder.js';

export const embedderConfigSchema = z.object({
  /** `auto` picks Voyage when its key is set, else OpenAI when its key is set, else the local embedder. */
  provider: z.enum(['auto', 'local', 'voyage', 'openai']).default('auto'),
  /** Vector size of the local hashing embedder. */
  localDimensions: z.number().int().min(64).max(8192).default(1024),
  /** Voyage AI API key. */
  voyageApiKey: z.string().min(1).optional(),
  /** Voyage model id. */
  voyageModel: z.string().min(1).default('voyage-code-3'),
  /** Voyage API base URL (gateways, tests). */
  voyageBaseUrl: z.url().optional(),
  /** OpenAI API key. */
  openaiApiKey: z.string().min(1).optional(),
  /** OpenAI embedding model id. */
  openaiModel: z.string().min(1).default('text-embedding-3-small'),
  /** OpenAI API base URL (gateways, Azure-style proxies, tests). */
  openaiBaseUrl: z.url().optional(),
});

export type EmbedderConfig = z.input<typeof embedderConfigSchema>;

/** Builds the embedder the config asks for; a hosted provider without its key is a configuration error. */
export function createEmbedder(config: EmbedderConfig = {}): Embedder {
  const c = embedderConfigSchema.parse(config);
  const provider =
    c.provider === 'auto' ? (c.voyageApiKey ? 'voyage' : c.openaiApiKey ? 'openai' : 'local') : c.provider;
  switch (provider) {
    case 'local':
      return createHashingEmbedder({ dimensions: c.localDimensions });
    case 'voyage':
      if (!c.voyageApiKey)
        throw new Error('Embedding provider "voyage" needs a Voyage API key (voyageApiKey).');
      return createVoyageEmbedder({ apiKey: c.voyageApiKey, model: c.voyageModel, baseUrl: c.voyageBaseUrl });
    case 'openai':
      if (!c.openaiApiKey)
        throw new Error('Embedding provider "openai" needs an OpenAI API key (openaiApiKey).');
      return createOpenAiEmbedder({ apiKey: c.openaiApiKey, model: c.openaiModel, baseUrl: c.openaiBaseUrl });
  }
}
