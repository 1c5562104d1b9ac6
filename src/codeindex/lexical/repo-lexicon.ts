import type { Collection } from 'chromadb';
import { metaNumber, metaString } from '../collections/metadata.js';
import { tokenize } from '../embedding/tokenize.js';
import { chunkSearchText } from '../indexing/chunk-records.js';
import { Bm25Index } from './bm25.js';

/** What retrieval needs to know about a chunk without its text. */
export interface ChunkRef {
  id: string;
  path: string;
  symbol: string;
  startLine: number;
  endLine: number;
}

/**
 * Lexical view of one repository's code collection: BM25 over chunks and over whole files (the chunks of
 * a file pooled), plus the list of paths. Built from the collection's documents, page by page.
 */
export interface RepoLexicon {
  commit: string | undefined;
  chunks: ChunkRef[];
  chunkIndex: Bm25Index;
  /** File-level BM25; document i is `paths[i]`. */
  fileIndex: Bm25Index;
  paths: string[];
  /** path → indexes into `chunks`. */
  chunksByPath: Map<string, number[]>;
}

const PAGE = 1000;

export async function buildRepoLexicon(
  collection: Collection,
  commit: string | undefined,
): Promise<RepoLexicon> {
  const chunks: ChunkRef[] = [];
  const chunkIndex = new Bm25Index();
  const fileTokens = new Map<string, string[]>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await collection.get({ include: ['metadatas', 'documents'], limit: PAGE, offset });
    page.ids.forEach((id, i) => {
      const meta = page.metadatas[i];
      const path = metaString(meta, 'path') ?? '';
      const symbol = metaString(meta, 'symbol') ?? '';
      const tokens = tokenize(chunkSearchText(path, symbol, page.documents[i] ?? ''));
      chunkIndex.add(tokens);
      chunks.push({
        id,
        path,
        symbol,
        startLine: metaNumber(meta, 'start_line') ?? 1,
        endLine: metaNumber(meta, 'end_line') ?? 1,
      });
      const pooled = fileTokens.get(path);
      if (pooled) for (const t of tokens) pooled.push(t);
      else fileTokens.set(path, tokens);
    });
    if (page.ids.length < PAGE) break;
  }
  const fileIndex = new Bm25Index();
  const paths = [...fileTokens.keys()];
  for (const path of paths) fileIndex.add(fileTokens.get(path) ?? []);
  const chunksByPath = new Map<string, number[]>();
  chunks.forEach((c, i) => {
    const list = chunksByPath.get(c.path);
    if (list) list.push(i);
    else chunksByPath.set(c.path, [i]);
  });
  return { commit, chunks, chunkIndex, fileIndex, paths, chunksByPath };
}
