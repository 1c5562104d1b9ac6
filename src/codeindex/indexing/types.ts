import type { ChunkRecord } from './chunk-records.js';
import type { SkipReason } from '../files/path-filter.js';

export interface IndexRepositoryInput {
  /** A local clone holding `commit` (bare or not). */
  repoDir: string;
  /** `owner/repo`; names the collection. */
  repoFullName: string;
  /** Commit SHA (or any rev git understands) to index. */
  commit: string;
  /** Files larger than this are skipped. Default 512 KiB. */
  maxFileBytes?: number;
  /** Chunks per embed-and-upsert batch, at most Chroma's max batch size. Default 1024. */
  batchSize?: number;
  /** Upserts outstanding at once while the next batch is chunked and embedded. Default 3. */
  writesInFlight?: number;
}

export interface IndexStats {
  repoFullName: string;
  commit: string;
  /** Files tracked at the commit. */
  filesTracked: number;
  /** Files whose blob changed or that are new: read, chunked and embedded. */
  filesEmbedded: number;
  /** Files dropped from the index (deleted, or excluded now). */
  filesRemoved: number;
  /** Indexed files whose blob did not change. */
  filesUnchanged: number;
  filesSkipped: Partial<Record<SkipReason, number>>;
  chunksUpserted: number;
  /** The collection was rebuilt because the embedding model changed. */
  modelChanged: boolean;
  durationMs: number;
}

/** Told about each file as the index changes, so views kept beside the collection follow it file by file. */
export interface IndexObserver {
  /** The collection was emptied (the embedding model changed): forget every file. */
  reset(): void;
  /** A file's chunks now are `records` (it is new or its blob changed). */
  fileIndexed(path: string, records: ChunkRecord[]): void;
  /** A file left the index. */
  fileRemoved(path: string): void;
  /** How many recent commits touched each indexed file (`recentChanges`), read at every index run. */
  historyRead(changes: Map<string, number>): void;
}
