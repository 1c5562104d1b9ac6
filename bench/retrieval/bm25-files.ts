import { skipByContent } from '../../src/codeindex/files/content-filter.js';
import { skipByPath } from '../../src/codeindex/files/path-filter.js';
import { listTree } from '../../src/codeindex/git/list-tree.js';
import { readBlobs } from '../../src/codeindex/git/read-blobs.js';
import { Bm25Index } from '../../src/codeindex/lexical/bm25.js';

/**
 * The baseline: a standard Okapi BM25 (k1 1.2, b 0.75) over whole files, the same files the index would
 * hold. Its tokens are deliberately plain and independent of the index's own tokenizer: lower-cased
 * words, each identifier kept whole and also split on camelCase and snake_case, no stemming.
 * The `paths` variant adds the file's path segments and file-name stem as tokens.
 */
export interface FileBm25 {
  search(query: string, k: number): string[];
  searchWithPaths(query: string, k: number): string[];
  files: number;
}

const WORD = /[A-Za-z0-9_$]+/g;
const CAMEL = /([a-z0-9])([A-Z])|([A-Z]+)([A-Z][a-z])/g;

/** `parseHTTPHeaders raw_value` → parsehttpheaders, parse, http, headers, raw_value, raw, value. */
export function standardTokens(text: string): string[] {
  const out: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    const whole = word.toLowerCase();
    out.push(whole);
    const parts = word
      .replace(CAMEL, (_m, a?: string, b?: string, c?: string, d?: string) =>
        a !== undefined ? `${a} ${b}` : `${c} ${d}`,
      )
      .split(/[_$]+|\s+/)
      .filter((p) => p.length > 0)
      .map((p) => p.toLowerCase());
    if (parts.length > 1) out.push(...parts);
  }
  return out;
}

/** `lib/core/AxiosError.js` → its segments' tokens, plus the file name stem as one token. */
export function pathVariantTokens(path: string): string[] {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return [
    ...standardTokens(path.replace(/[/.-]/g, ' ')),
    (dot > 0 ? base.slice(0, dot) : base).toLowerCase(),
  ];
}

export async function buildFileBm25(repoDir: string, commit: string): Promise<FileBm25> {
  const tree = (await listTree(repoDir, commit)).filter(
    (e) => skipByPath(e.path, e.size, 512 * 1024) === undefined,
  );
  const pathsByBlob = new Map<string, string[]>();
  for (const e of tree) pathsByBlob.set(e.blobSha, [...(pathsByBlob.get(e.blobSha) ?? []), e.path]);
  const plain = new Bm25Index({ k1: 1.2, b: 0.75 });
  const withPaths = new Bm25Index({ k1: 1.2, b: 0.75 });
  const paths: string[] = [];
  for await (const blob of readBlobs(repoDir, [...pathsByBlob.keys()])) {
    if (skipByContent(blob.content)) continue;
    const tokens = standardTokens(blob.content.toString('utf8'));
    for (const path of pathsByBlob.get(blob.sha) ?? []) {
      plain.add(tokens);
      withPaths.add([...tokens, ...pathVariantTokens(path)]);
      paths.push(path);
    }
  }
  const ranked = (index: Bm25Index, query: string, k: number): string[] =>
    index.search(standardTokens(query), k).map((h) => paths[h.doc] ?? '');
  return {
    files: paths.length,
    search: (query, k) => ranked(plain, query, k),
    searchWithPaths: (query, k) => ranked(withPaths, query, k),
  };
}
