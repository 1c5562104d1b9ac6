import { tokenize } from '../../src/codeindex/embedding/tokenize.js';
import { skipByContent } from '../../src/codeindex/files/content-filter.js';
import { skipByPath } from '../../src/codeindex/files/path-filter.js';
import { listTree } from '../../src/codeindex/git/list-tree.js';
import { readBlobs } from '../../src/codeindex/git/read-blobs.js';
import { Bm25Index } from '../../src/codeindex/lexical/bm25.js';

/** The baseline: plain BM25 over whole files (path + content), the same files the index would hold. */
export interface FileBm25 {
  search(query: string, k: number): string[];
  files: number;
}

export async function buildFileBm25(repoDir: string, commit: string): Promise<FileBm25> {
  const tree = (await listTree(repoDir, commit)).filter(
    (e) => skipByPath(e.path, e.size, 512 * 1024) === undefined,
  );
  const pathsByBlob = new Map<string, string[]>();
  for (const e of tree) pathsByBlob.set(e.blobSha, [...(pathsByBlob.get(e.blobSha) ?? []), e.path]);
  const index = new Bm25Index();
  const paths: string[] = [];
  for await (const blob of readBlobs(repoDir, [...pathsByBlob.keys()])) {
    if (skipByContent(blob.content)) continue;
    const text = blob.content.toString('utf8');
    for (const path of pathsByBlob.get(blob.sha) ?? []) {
      index.add(tokenize(`${path}\n${text}`));
      paths.push(path);
    }
  }
  return {
    files: paths.length,
    search: (query, k) => index.search(tokenize(query), k).map((h) => paths[h.doc] ?? ''),
  };
}
