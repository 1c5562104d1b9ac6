import type { ChromaClient, Collection, Metadata } from 'chromadb';
import { metaString } from '../collections/metadata.js';
import { findCollection, MODEL_KEY, openCollection } from '../collections/open-collection.js';
import type { Embedder } from '../embedding/types.js';

export const MEMORY_COLLECTION = 'pipeline-run-memory';
const PAGE = 500;

interface SavedRecords {
  ids: string[];
  documents: string[];
  metadatas: Metadata[];
}

async function readAll(collection: Collection): Promise<SavedRecords> {
  const saved: SavedRecords = { ids: [], documents: [], metadatas: [] };
  for (let offset = 0; ; offset += PAGE) {
    const page = await collection.get({ include: ['documents', 'metadatas'], limit: PAGE, offset });
    page.ids.forEach((id, i) => {
      saved.ids.push(id);
      saved.documents.push(page.documents[i] ?? '');
      saved.metadatas.push(page.metadatas[i] ?? {});
    });
    if (page.ids.length < PAGE) return saved;
  }
}

/**
 * Opens the run-memory collection. Memories cannot be re-read from a repository, so when the embedding
 * model changed the stored documents are read first and embedded again with the new model.
 */
export async function openMemoryCollection(client: ChromaClient, embedder: Embedder): Promise<Collection> {
  const old = await findCollection(client, MEMORY_COLLECTION);
  const saved =
    old && metaString(old.metadata, MODEL_KEY) !== embedder.modelId ? await readAll(old) : undefined;
  const { collection } = await openCollection(client, MEMORY_COLLECTION, embedder, { kind: 'memory' });
  if (!saved) return collection;
  for (let i = 0; i < saved.ids.length; i += embedder.maxBatchSize) {
    const documents = saved.documents.slice(i, i + embedder.maxBatchSize);
    await collection.upsert({
      ids: saved.ids.slice(i, i + embedder.maxBatchSize),
      documents,
      metadatas: saved.metadatas.slice(i, i + embedder.maxBatchSize),
      embeddings: await embedder.embedDocuments(documents),
    });
  }
  return collection;
}
