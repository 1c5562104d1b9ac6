import { chunkFile } from '../chunking/chunk-file.js';
import { detectLanguage } from '../chunking/detect-language.js';
import { countTerms, type TermCounts } from '../embedding/tokenize.js';

/** One chunk as stored in Chroma. */
export interface ChunkRecord {
  id: string;
  /** The chunk's source text, returned as the snippet. */
  document: string;
  /** What is embedded: path and symbol first, then the code. */
  embeddingText: string;
  /** `embeddingText` tokenised, once, for BM25 and for embedders that work from tokens. */
  terms: TermCounts;
  metadata: {
    repo: string;
    commit: string;
    path: string;
    language: string;
    symbol: string;
    start_line: number;
    end_line: number;
    blob_sha: string;
  };
}

/** The text the embedders and the lexical index see for a chunk. */
export function chunkSearchText(path: string, symbol: string, document: string): string {
  return `${path}\n${symbol}\n${document}`;
}

/** Chunks one file and wraps each chunk with its metadata and a stable id (`path#index`). */
export function chunkRecords(file: {
  repo: string;
  commit: string;
  path: string;
  blobSha: string;
  content: string;
}): ChunkRecord[] {
  const language = detectLanguage(file.path);
  return chunkFile(file.content, language).map((chunk, index) => {
    const embeddingText = chunkSearchText(file.path, chunk.symbol, chunk.text);
    return {
      id: `${file.path}#${index}`,
      document: chunk.text,
      embeddingText,
      terms: countTerms(embeddingText),
      metadata: {
        repo: file.repo,
        commit: file.commit,
        path: file.path,
        language,
        symbol: chunk.symbol,
        start_line: chunk.startLine,
        end_line: chunk.endLine,
        blob_sha: file.blobSha,
      },
    };
  });
}
