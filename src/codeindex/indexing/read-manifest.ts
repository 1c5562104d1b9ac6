import type { Collection } from 'chromadb';
import { metaString } from '../collections/metadata.js';

const PAGE = 2000;

/** path → blob SHA of every file that has chunks in the collection, read page by page. */
export async function readManifest(collection: Collection): Promise<Map<string, string>> {
  const manifest = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await collection.get({ include: ['metadatas'], limit: PAGE, offset });
    for (const meta of page.metadatas) {
      const path = metaString(meta, 'path');
      const blob = metaString(meta, 'blob_sha');
      if (path && blob) manifest.set(path, blob);
    }
    if (page.ids.length < PAGE) return manifest;
  }
}
