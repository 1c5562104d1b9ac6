import type { Metadata } from 'chromadb';

/** Reads a string field from Chroma metadata. */
export function metaString(meta: Metadata | null | undefined, key: string): string | undefined {
  const value = meta?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a numeric field from Chroma metadata. */
export function metaNumber(meta: Metadata | null | undefined, key: string): number | undefined {
  const value = meta?.[key];
  return typeof value === 'number' ? value : undefined;
}
