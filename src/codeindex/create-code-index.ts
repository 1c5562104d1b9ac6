import type { Collection } from 'chromadb';
import type { Logger } from '../monitoring/logger.js';
import type { RunningChroma } from './chroma/start-chroma.js';
import type { Embedder } from './embedding/types.js';
import { collectionName } from './collections/collection-name.js';
import { CODE_COLLECTION_PREFIX, indexedCommit, peekCodeCollection } from './indexing/code-collection.js';
import { createLexiconStore } from './lexical/lexicon-store.js';
import { indexRepository } from './indexing/index-repository.js';
import type { IndexObserver, IndexRepositoryInput, IndexStats } from './indexing/types.js';
import { buildRepoLexicon, RepoLexicon } from './lexical/repo-lexicon.js';
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
  /** Waits for lexicons still being saved (call before the process exits). */
  close(): Promise<void>;
}

export interface CreateCodeIndexOptions {
  chroma: Pick<RunningChroma, 'client'>;
  embedder: Embedder;
  logger: Logger;
  /** Where lexicons are saved so a restarted process need not rebuild them (e.g. `<data dir>/lexicons`). */
  lexiconDir?: string;
}

/** The code index and run memory over one Chroma server. */
export function createCodeIndex(options: CreateCodeIndexOptions): CodeIndex {
  const { client } = options.chroma;
  const { embedder, logger } = options;
  const lexicons = new Map<string, Promise<RepoLexicon>>();
  const indexing = new Map<string, Promise<unknown>>();
  const store = options.lexiconDir ? createLexiconStore(options.lexiconDir) : undefined;
  /** Saves in flight, one chain per repository so an older lexicon never overwrites a newer one. */
  const saving = new Map<string, Promise<void>>();
  let memory: Promise<Collection> | undefined;

  async function lexiconFor(repoFullName: string, collection: Collection | undefined): Promise<RepoLexicon> {
    const commit = collection ? indexedCommit(collection) : undefined;
    const cached = lexicons.get(repoFullName);
    if (cached && (await cached).commit === commit) return cached;
    const built = collection
      ? buildLexicon(repoFullName, collection, commit)
      : Promise.resolve(new RepoLexicon());
    lexicons.set(repoFullName, built);
    built.catch(() => lexicons.delete(repoFullName));
    return built;
  }

  async function buildLexicon(
    repoFullName: string,
    collection: Collection,
    commit: string | undefined,
  ): Promise<RepoLexicon> {
    const name = collectionName(CODE_COLLECTION_PREFIX, repoFullName);
    const loaded = commit && store ? await store.load(name, commit) : undefined;
    if (loaded) return loaded;
    const started = performance.now();
    const lexicon = await buildRepoLexicon(collection, commit);
    logger.info(
      { repoFullName, commit, files: lexicon.files.size, ms: Math.round(performance.now() - started) },
      'code lexicon built from the collection',
    );
    return lexicon;
  }

  /** Saves a lexicon in the background (indexing does not wait for it); a failure costs a rebuild later. */
  function saveLexicon(repoFullName: string, lexicon: RepoLexicon): void {
    if (!store) return;
    const name = collectionName(CODE_COLLECTION_PREFIX, repoFullName);
    const { commit, generation } = lexicon;
    const previous = saving.get(repoFullName) ?? Promise.resolve();
    const next = previous.then(() => {
      // Changed since (a newer index run is under way or done): that run saves its own.
      if (lexicon.commit !== commit || lexicon.generation !== generation) return;
      return store.save(name, lexicon).catch((err: unknown) => {
        logger.warn(
          { err, repoFullName },
          'could not save the code lexicon; it will be rebuilt after a restart',
        );
      });
    });
    saving.set(repoFullName, next);
    void next.then(() => {
      if (saving.get(repoFullName) === next) saving.delete(repoFullName);
    });
  }

  /** Keeps the repository's lexicon in step with the collection while it is indexed, file by file. */
  async function indexWithLexicon(input: IndexRepositoryInput): Promise<IndexStats> {
    const found = await peekCodeCollection(client, embedder, input.repoFullName);
    const lexicon = await lexiconFor(input.repoFullName, found?.sameModel ? found.collection : undefined);
    const observer: IndexObserver = {
      reset: () => {
        for (const path of [...lexicon.files.keys()]) lexicon.removeFile(path);
      },
      fileIndexed: (path, records) =>
        lexicon.addCounted(
          path,
          records[0]?.metadata.blob_sha ?? '',
          records.map((r) => ({
            ref: {
              id: r.id,
              path,
              symbol: r.metadata.symbol,
              startLine: r.metadata.start_line,
              endLine: r.metadata.end_line,
            },
            counts: r.terms.counts,
            length: r.terms.length,
          })),
        ),
      fileRemoved: (path) => lexicon.removeFile(path),
      historyRead: (changes) => lexicon.setChangeCounts(changes),
    };
    try {
      // A lexicon at the collection's commit knows every file's blob: no need to read them from Chroma.
      const fresh =
        found?.sameModel &&
        lexicon.commit !== undefined &&
        lexicon.commit === indexedCommit(found.collection);
      const manifest = fresh ? lexicon.manifest() : undefined;
      const stats = await indexRepository({ client, embedder, logger, observer, manifest }, input);
      lexicon.commit = stats.commit;
      lexicons.set(input.repoFullName, Promise.resolve(lexicon));
      if (stats.filesEmbedded + stats.filesRemoved > 0 || stats.modelChanged)
        saveLexicon(input.repoFullName, lexicon);
      return stats;
    } catch (err) {
      // Part of the changes may be in the lexicon and part not: the next search rebuilds it.
      lexicons.delete(input.repoFullName);
      throw err;
    }
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
      const run = previous.catch(() => undefined).then(() => indexWithLexicon(input));
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
    async close() {
      await Promise.all([...saving.values()]);
    },
    async isStale(repoFullName, commit) {
      const found = await peekCodeCollection(client, embedder, repoFullName);
      return !found || !found.sameModel || indexedCommit(found.collection) !== commit;
    },
  };
}
