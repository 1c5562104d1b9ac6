import type { ChromaClient, Collection } from 'chromadb';
import { collectionName } from '../collections/collection-name.js';
import { metaString } from '../collections/metadata.js';
import {
  findCollection,
  MODEL_KEY,
  openCollection,
  type OpenedCollection,
} from '../collections/open-collection.js';
import type { Embedder } from '../embedding/types.js';

export const CODE_COLLECTION_PREFIX = 'code';

/** Opens the code collection of a repository (rebuilt when the embedding model changed). */
export async function openCodeCollection(
  client: ChromaClient,
  embedder: Embedder,
  repoFullName: string,
): Promise<OpenedCollection> {
  return openCollection(client, collectionName(CODE_COLLECTION_PREFIX, repoFullName), embedder, {
    kind: 'code',
    repo: repoFullName,
  });
}

/** Looks at a repository's code collection without changing it: undefined when it does not exist. */
export async function peekCodeCollection(
  client: ChromaClient,
  embedder: Embedder,
  repoFullName: string,
): Promise<{ collection: Collection; sameModel: boolean } | undefined> {
  const collection = await findCollection(client, collectionName(CODE_COLLECTION_PREFIX, repoFullName));
  if (!collection) return undefined;
  return { collection, sameModel: metaString(collection.metadata, MODEL_KEY) === embedder.modelId };
}

/** Records which commit the collection now reflects. */
export async function markIndexed(
  collection: Collection,
  embedder: Embedder,
  repoFullName: string,
  commit: string,
): Promise<void> {
  await collection.modify({
    metadata: {
      kind: 'code',
      repo: repoFullName,
      commit,
      indexed_at: new Date().toISOString(),
      [MODEL_KEY]: embedder.modelId,
    },
  });
}

/** The commit a collection was last fully indexed at, if any. */
export function indexedCommit(collection: Collection): string | undefined {
  return metaString(collection.metadata, 'commit');
}
