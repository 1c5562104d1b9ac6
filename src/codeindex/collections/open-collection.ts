import { ChromaNotFoundError, type ChromaClient, type Collection, type Metadata } from 'chromadb';
import type { Embedder } from '../embedding/types.js';
import { metaString } from './metadata.js';

export const MODEL_KEY = 'embedding_model';

export interface OpenedCollection {
  collection: Collection;
  /** The collection held vectors of another model and was emptied. */
  modelChanged: boolean;
  /** Metadata the collection had before (undefined for a new one). */
  previous: Metadata | undefined;
}

/** The collection called `name`, or undefined when there is none. */
export async function findCollection(client: ChromaClient, name: string): Promise<Collection | undefined> {
  try {
    return await client.getCollection({ name });
  } catch (error) {
    if (error instanceof ChromaNotFoundError) return undefined;
    throw error;
  }
}

/**
 * Opens (or creates) a cosine collection whose vectors come from `embedder`. The model id is kept in the
 * collection's metadata; a collection built with another model is dropped and created again, and
 * `modelChanged` tells the caller to re-embed.
 */
export async function openCollection(
  client: ChromaClient,
  name: string,
  embedder: Embedder,
  metadata: Record<string, string>,
): Promise<OpenedCollection> {
  const existing = await findCollection(client, name);
  const previous = existing?.metadata;
  const modelChanged = existing !== undefined && metaString(previous, MODEL_KEY) !== embedder.modelId;
  if (existing && !modelChanged) return { collection: existing, modelChanged, previous };
  if (existing) await client.deleteCollection({ name });
  const collection = await client.createCollection({
    name,
    embeddingFunction: null,
    configuration: { hnsw: { space: 'cosine' } },
    metadata: { ...metadata, [MODEL_KEY]: embedder.modelId },
  });
  return { collection, modelChanged, previous };
}
