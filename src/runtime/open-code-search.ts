import { join } from 'node:path';
import type { Settings } from '../config/settings.js';
import {
  createCodeIndex,
  createEmbedder,
  formatSearchResults,
  startChroma,
  type CodeSearchResult,
} from '../codeindex/index.js';
import type { Logger } from '../monitoring/logger.js';
import type { CodeSearch } from '../orchestration/code-search.js';

export type OpenedCodeSearch = {
  search: CodeSearch;
  /** The hits themselves (paths, line ranges, scores, snippets), for callers that render them. */
  hits(repoFullName: string, query: string, k: number): Promise<CodeSearchResult>;
  close(): Promise<void>;
};

/**
 * The code index as the nodes use it: Chroma (CHROMA_URL, or a `chroma run` child with its data in
 * PIPELINE_DATA_DIR), the configured embedder, and retrieval formatted for prompts.
 */
export async function openCodeSearch(settings: Settings, logger: Logger): Promise<OpenedCodeSearch> {
  const log = logger.child({ component: 'codeindex' });
  const chroma = await startChroma({
    url: settings.CHROMA_URL,
    dataDir: settings.PIPELINE_DATA_DIR,
    logger: log,
  });
  const index = createCodeIndex({
    chroma,
    logger: log,
    lexiconDir: join(settings.PIPELINE_DATA_DIR, 'lexicons'),
    embedder: createEmbedder({
      provider: settings.EMBEDDING_PROVIDER,
      voyageApiKey: settings.VOYAGE_API_KEY,
      voyageBaseUrl: settings.VOYAGE_BASE_URL,
      openaiApiKey: settings.OPENAI_API_KEY,
      openaiBaseUrl: settings.OPENAI_BASE_URL,
    }),
  });
  return {
    search: {
      async ensureIndexed(repoFullName, workspaceDir, commit) {
        if (await index.isStale(repoFullName, commit))
          await index.indexRepository({ repoDir: workspaceDir, repoFullName, commit });
      },
      async search(repoFullName, query, k) {
        return formatSearchResults(await index.searchCode(repoFullName, query, { k }));
      },
      async recall(repoFullName, text) {
        const runs = await index.recallSimilarRuns(repoFullName, text, 3);
        return runs.filter((r) => r.similarity > 0.2).map((r) => r.summary);
      },
      async remember(input) {
        await index.rememberRun(input);
      },
    },
    hits: (repoFullName, query, k) => index.searchCode(repoFullName, query, { k }),
    close: async () => {
      await index.close();
      await chroma.stop();
    },
  };
}
