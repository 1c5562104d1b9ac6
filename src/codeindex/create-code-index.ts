import type { Collection } from 'chromadb';
import type { Logger } from '../monitoring/logger.js';
import type { RunningChroma } from './chroma/start-chroma.js';
import type { Embedder } from './embedding/types.js';
import { indexedCommit, peekCodeCollection } from './indexing/code-collection.js';
import { indexRepository } from './indexing/index-repository.js';
import type { IndexRepositoryInput, IndexStats } from './indexing/types.js';
import { buildRepoLexicon, type RepoLexicon } from './lexical/repo-lexicon.js';
import { openMemoryCollection } from './memory/memory-collection.js';
import { recallSimilarRuns } from './memory/recall-similar-runs.js';
import { rememberRun } from './memory/remember-run.js';
import type { RecalledRun, RunMemoryInput } from './memory/types.js';
import { searchCode, type SearchCodeOptions } from './retrieval/search-code.js';
import type { CodeSearchResult } from './retrieval/types.js';

export interface CodeIndex {
  /** Brings the repository's index to `commit`, embedding only changed files. */
  indexRepository(input: IndexRepositoryInput): Promise<IndexStats>;
  /** Hybrid search: files (deduplicated) with line ranges and snippets within a token budget. */
  searchCode(repoFullName: string, query: string, options?: SearchCodeOptions): Promise<CodeSearchResult>;
  rememberRun(input: RunMemoryInput): Promise<string>;
  recallSimilarRuns(repoFullName: string, text: string, k?: number): Promise<RecalledRun[]>;
  /** True when the repository was never indexed, was indexed at another commit, or with another model. */
  isStale(repoFullName: string, commit: string): Promise<boolean>;
}

export interface CreateCodeIndexOptions {
  chroma: Pick<RunningChroma, 'client'>;
  embedder: Embedder;
  logger: Logger;
}

/** The code index and run memory over one Chroma server. */
export function createCodeIndex(options: CreateCodeIndexOptions): CodeIndex {
  const { client } = options.chroma;
  const { embedder, logger } = options;
  const lexicons = new Map<string, Promise<RepoLexicon>>();
  const indexing = new Map<string, Promise<unknown>>();
  let memory: Promise<Collection> | undefined;

  async function lexiconFor(repoFullName: string, collection: Collection): Promise<RepoLexicon> {
    const commit = indexedCommit(collection);
    const cached = lexicons.get(repoFullName);
    if (cached && (await cached).commit === commit) return cached;
    const built = buildRepoLexicon(collection, commit);
    lexicons.set(repoFullName, built);
    built.catch(() => lexicons.delete(repoFullName));
    return built;
  }

  const memoryCollection = (): Promise<Collection> => {
    memory ??= openMemoryCollection(client, embedder);
    memory.catch(() => (memory = undefined));
    return memory;
  };

  return {
    async indexRepository(input) {
      // One index run per repository at a time in this process; the previous one's failure is its caller's.
      const previous = indexing.get(input.repoFullName) ?? Promise.resolve();
      const run = previous
        .catch(() => undefined)
        .then(async () => {
          lexicons.delete(input.repoFullName);
          try {
            return await indexRepository({ client, embedder, logger }, input);
          } finally {
            lexicons.delete(input.repoFullName);
          }
        });
      indexing.set(input.repoFullName, run);
      try {
        return await run;
      } finally {
        if (indexing.get(input.repoFullName) === run) indexing.delete(input.repoFullName);
      }
    },
    async searchCode(repoFullName, query, searchOptions) {
      const found = await peekCodeCollection(client, embedder, repoFullName);
      if (!found) return { repoFullName, commit: undefined, hits: [], tokens: 0 };
      const lexicon = await lexiconFor(repoFullName, found.collection);
      if (!found.sameModel) {
        logger.warn(
          { repoFullName, model: embedder.modelId },
          'code index was built with another embedding model; searching without vectors until it is re-indexed',
        );
      }
      const weights = found.sameModel ? searchOptions?.weights : { ...searchOptions?.weights, vector: 0 };
      return searchCode({ collection: found.collection, lexicon, embedder, repoFullName }, query, {
        ...searchOptions,
        weights,
      });
    },
    async rememberRun(input) {
      return rememberRun(await memoryCollection(), embedder, input);
    },
    async recallSimilarRuns(repoFullName, text, k) {
      return recallSimilarRuns(await memoryCollection(), embedder, repoFullName, text, k);
    },
    async isStale(repoFullName, commit) {
      const found = await peekCodeCollection(client, embedder, repoFullName);
      return !found || !found.sameModel || indexedCommit(found.collection) !== commit;
    },
  };
}
