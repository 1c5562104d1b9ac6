export { startChroma, type RunningChroma, type StartChromaOptions } from './chroma/start-chroma.js';
export { createCodeIndex, type CodeIndex, type CreateCodeIndexOptions } from './create-code-index.js';
export { createEmbedder, embedderConfigSchema, type EmbedderConfig } from './embedding/create-embedder.js';
export { EmbeddingApiError } from './embedding/http-embedder.js';
export type { Embedder } from './embedding/types.js';
export type { IndexRepositoryInput, IndexStats } from './indexing/types.js';
export type { RecalledRun, RunMemoryInput } from './memory/types.js';
export {
  createSearchCodeTool,
  formatSearchResults,
  searchCodeInputSchema,
  type SearchCodeInput,
} from './retrieval/search-code-tool.js';
export type { SearchCodeOptions } from './retrieval/search-code.js';
export type { CodeSearchHit, CodeSearchResult } from './retrieval/types.js';
export type { HybridWeights } from './retrieval/weights.js';
