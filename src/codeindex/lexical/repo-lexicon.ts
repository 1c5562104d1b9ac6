import type { Collection } from 'chromadb';
import { metaNumber, metaString } from '../collections/metadata.js';
import { tokenize } from '../embedding/tokenize.js';
import { chunkSearchText } from '../indexing/chunk-records.js';
import { Bm25Index, termCounts } from './bm25.js';

/** What retrieval needs to know about a chunk without its text. */
export interface ChunkRef {
  id: string;
  path: string;
  symbol: string;
  startLine: number;
  endLine: number;
}

/** The names a chunk's symbol declares (`Client, Client.send` → client, send), lower-cased, 3+ characters. */
export function declaredNames(symbol: string): string[] {
  return symbol
    .toLowerCase()
    .split(/[^\w$#]+/)
    .filter((s) => s.length >= 3);
}

/** A chunk as the lexicon takes it: its reference and the text it is searched by (path, symbol, code). */
export interface LexiconChunk extends ChunkRef {
  searchText: string;
}

/**
 * Lexical view of one repository's code collection: BM25 over chunks and over whole files (the chunks of
 * a file pooled), plus the list of paths. Kept file by file: indexing adds and removes a file's postings,
 * so a lexicon never has to be rebuilt after it was built once.
 */
export class RepoLexicon {
  /** The commit the lexicon reflects; set by whoever brought it there. */
  commit: string | undefined;
  readonly chunkIndex = new Bm25Index();
  /** File-level BM25; its document ids map to paths through `pathOf`. */
  readonly fileIndex = new Bm25Index();
  /** chunkIndex document id → chunk. */
  readonly chunks = new Map<number, ChunkRef>();
  /** Chroma chunk id → chunkIndex document id. */
  readonly chunkDocById = new Map<string, number>();
  /** fileIndex document id → path. */
  readonly pathOf = new Map<number, string>();
  /** Declared name → chunkIndex documents whose symbol declares it (so a query need not scan every chunk). */
  readonly declaring = new Map<string, number[]>();
  /** path → its blob, its fileIndex document and its chunkIndex documents (in chunk order). */
  readonly files = new Map<string, { blobSha: string; doc: number; chunks: number[] }>();

  /** path → how many recent commits touched it (`recentChanges`); empty when the history is unknown. */
  changeCounts = new Map<string, number>();

  /** Bumped by every change, so a copy taken later can tell whether it still matches `commit`. */
  generation = 0;

  constructor(commit?: string) {
    this.commit = commit;
  }

  /** Adds (or replaces) a file with its chunks. */
  addFile(path: string, blobSha: string, chunks: LexiconChunk[]): void {
    this.addCounted(
      path,
      blobSha,
      chunks.map(({ searchText, ...ref }) => {
        const tokens = tokenize(searchText);
        return { ref, counts: termCounts(tokens), length: tokens.length };
      }),
    );
  }

  /** Adds (or replaces) a file whose chunks are already counted (term → frequency, length in tokens). */
  addCounted(
    path: string,
    blobSha: string,
    chunks: { ref: ChunkRef; counts: Map<string, number>; length: number }[],
  ): void {
    this.removeFile(path);
    this.generation++;
    const pooled = new Map<string, number>();
    let pooledLength = 0;
    const docs: number[] = [];
    for (const { ref, counts, length } of chunks) {
      const doc = this.chunkIndex.addCounts(counts, length);
      this.chunks.set(doc, ref);
      this.chunkDocById.set(ref.id, doc);
      for (const name of declaredNames(ref.symbol)) {
        const docs = this.declaring.get(name);
        if (!docs) this.declaring.set(name, [doc]);
        else if (!docs.includes(doc)) docs.push(doc);
      }
      docs.push(doc);
      for (const [term, tf] of counts) pooled.set(term, (pooled.get(term) ?? 0) + tf);
      pooledLength += length;
    }
    const fileDoc = this.fileIndex.addCounts(pooled, pooledLength);
    this.pathOf.set(fileDoc, path);
    this.files.set(path, { blobSha, doc: fileDoc, chunks: docs });
  }

  /** Replaces the change history (read again at every index run). */
  setChangeCounts(changes: Map<string, number>): void {
    this.generation++;
    this.changeCounts = changes;
  }

  /** Drops a file's postings; unknown paths are ignored. */
  removeFile(path: string): void {
    const file = this.files.get(path);
    if (!file) return;
    this.generation++;
    for (const doc of file.chunks) {
      const ref = this.chunks.get(doc);
      if (ref) {
        this.chunkDocById.delete(ref.id);
        for (const name of declaredNames(ref.symbol)) {
          const docs = this.declaring.get(name) ?? [];
          const at = docs.indexOf(doc);
          if (at >= 0) docs.splice(at, 1);
          if (docs.length === 0) this.declaring.delete(name);
        }
      }
      this.chunks.delete(doc);
      this.chunkIndex.remove(doc);
    }
    this.fileIndex.remove(file.doc);
    this.pathOf.delete(file.doc);
    this.files.delete(path);
  }

  /** Chunks whose symbol declares one of `names`, in the order they were added. */
  chunksDeclaring(names: Iterable<string>): number[] {
    const found = new Set<number>();
    for (const name of names) for (const doc of this.declaring.get(name) ?? []) found.add(doc);
    // Document ids grow with every addition, so ascending ids are the order the chunks were added in.
    return [...found].sort((a, b) => a - b);
  }

  /** path → blob SHA of every file held: what the collection holds when the lexicon is at its commit. */
  manifest(): Map<string, string> {
    return new Map([...this.files].map(([path, f]) => [path, f.blobSha]));
  }
}

const PAGE = 1000;

/** Builds a lexicon from a collection's documents, page by page (once per process and repository). */
export async function buildRepoLexicon(
  collection: Collection,
  commit: string | undefined,
): Promise<RepoLexicon> {
  const byPath = new Map<string, LexiconChunk[]>();
  const blobs = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await collection.get({ include: ['metadatas', 'documents'], limit: PAGE, offset });
    page.ids.forEach((id, i) => {
      const meta = page.metadatas[i];
      const path = metaString(meta, 'path') ?? '';
      const symbol = metaString(meta, 'symbol') ?? '';
      blobs.set(path, metaString(meta, 'blob_sha') ?? '');
      const chunk: LexiconChunk = {
        id,
        path,
        symbol,
        startLine: metaNumber(meta, 'start_line') ?? 1,
        endLine: metaNumber(meta, 'end_line') ?? 1,
        searchText: chunkSearchText(path, symbol, page.documents[i] ?? ''),
      };
      const list = byPath.get(path);
      if (list) list.push(chunk);
      else byPath.set(path, [chunk]);
    });
    if (page.ids.length < PAGE) break;
  }
  const lexicon = new RepoLexicon(commit);
  for (const [path, chunks] of byPath) {
    chunks.sort((a, b) => chunkOrder(a.id) - chunkOrder(b.id));
    lexicon.addFile(path, blobs.get(path) ?? '', chunks);
  }
  return lexicon;
}

/** The index in a chunk id `path#index`. */
function chunkOrder(id: string): number {
  return Number(id.slice(id.lastIndexOf('#') + 1)) || 0;
}
