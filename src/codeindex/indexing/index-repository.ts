import type { ChromaClient, Collection } from 'chromadb';
import type { Logger } from '../../monitoring/logger.js';
import type { Embedder } from '../embedding/types.js';
import { skipByContent } from '../files/content-filter.js';
import { skipByPath, type SkipReason } from '../files/path-filter.js';
import { listTree, type TreeEntry } from '../git/list-tree.js';
import { readBlobs } from '../git/read-blobs.js';
import { recentChanges } from '../git/recent-changes.js';
import { gitOutput } from '../../integrations/git/index.js';
import { chunkRecords, type ChunkRecord } from './chunk-records.js';
import { markIndexed, openCodeCollection } from './code-collection.js';
import { planChanges } from './plan-changes.js';
import { readManifest } from './read-manifest.js';
import type { IndexObserver, IndexRepositoryInput, IndexStats } from './types.js';

const DELETE_BATCH = 200;
/** Chunks per embed-and-upsert batch, and writes outstanding at once (measured: bench/retrieval/README.md). */
const DEFAULT_BATCH = 1024;
const DEFAULT_IN_FLIGHT = 3;

export interface IndexDeps {
  client: ChromaClient;
  embedder: Embedder;
  logger: Logger;
  observer?: IndexObserver;
  /** path → blob SHA of what the collection holds, when the caller knows it; read from Chroma otherwise. */
  manifest?: Map<string, string>;
}

async function removePaths(collection: Collection, paths: string[]): Promise<void> {
  for (let i = 0; i < paths.length; i += DELETE_BATCH) {
    await collection.delete({ where: { path: { $in: paths.slice(i, i + DELETE_BATCH) } } });
  }
}

/**
 * Embeds batch after batch while earlier batches are written to Chroma: the embedder (here) and Chroma's
 * request parsing and HNSW inserts (its own process, its own threads) overlap. At most `maxInFlight` writes
 * are outstanding, so memory stays bounded by a few batches.
 */
class UpsertPipeline {
  private readonly inflight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly collection: Collection,
    private readonly embedder: Embedder,
    private readonly maxInFlight: number,
  ) {}

  async push(records: ChunkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const embeddings: number[][] = [];
    for (let i = 0; i < records.length; i += this.embedder.maxBatchSize) {
      const slice = records.slice(i, i + this.embedder.maxBatchSize);
      embeddings.push(
        ...(await (this.embedder.embedCounted
          ? this.embedder.embedCounted(slice.map((r) => r.terms))
          : this.embedder.embedDocuments(slice.map((r) => r.embeddingText)))),
      );
    }
    this.raise();
    while (this.inflight.size >= this.maxInFlight) {
      await Promise.race(this.inflight);
      this.raise();
    }
    const write: Promise<void> = this.collection
      .upsert({
        ids: records.map((r) => r.id),
        embeddings,
        documents: records.map((r) => r.document),
        metadatas: records.map((r) => r.metadata),
      })
      // A failed write is raised by the next push or by flush, never left unhandled.
      .catch((error: unknown) => void (this.failure ??= { error }))
      .finally(() => this.inflight.delete(write));
    this.inflight.add(write);
  }

  async flush(): Promise<void> {
    await Promise.all(this.inflight);
    this.raise();
  }

  private raise(): void {
    if (this.failure) throw this.failure.error;
  }
}

function countSkip(stats: IndexStats, reason: SkipReason): void {
  stats.filesSkipped[reason] = (stats.filesSkipped[reason] ?? 0) + 1;
}

/**
 * Brings a repository's code collection to `commit`: files whose blob SHA is unchanged are left alone,
 * changed and new files are chunked and embedded, deleted files are removed. Blobs are streamed and
 * chunks upserted in batches, so memory does not grow with the size of the repository.
 */
export async function indexRepository(deps: IndexDeps, input: IndexRepositoryInput): Promise<IndexStats> {
  const started = performance.now();
  const commit = (
    await gitOutput(input.repoDir, ['rev-parse', '--verify', `${input.commit}^{commit}`])
  ).trim();
  const maxBytes = input.maxFileBytes ?? 512 * 1024;
  // Chroma refuses a batch over its limit (the client knows it from the server).
  const batchSize = Math.max(
    1,
    Math.min(input.batchSize ?? DEFAULT_BATCH, await deps.client.getMaxBatchSize()),
  );
  const { collection, modelChanged } = await openCodeCollection(
    deps.client,
    deps.embedder,
    input.repoFullName,
  );
  const stats: IndexStats = {
    repoFullName: input.repoFullName,
    commit,
    filesTracked: 0,
    filesEmbedded: 0,
    filesRemoved: 0,
    filesUnchanged: 0,
    filesSkipped: {},
    chunksUpserted: 0,
    modelChanged,
    durationMs: 0,
  };
  const tree = await listTree(input.repoDir, commit);
  stats.filesTracked = tree.length;
  const indexable: TreeEntry[] = [];
  for (const entry of tree) {
    const reason = skipByPath(entry.path, entry.size, maxBytes);
    if (reason) countSkip(stats, reason);
    else indexable.push(entry);
  }
  if (modelChanged) deps.observer?.reset();
  if (deps.observer) {
    const changes = await recentChanges(input.repoDir, commit);
    const indexed = new Set(indexable.map((e) => e.path));
    deps.observer.historyRead(new Map([...changes].filter(([path]) => indexed.has(path))));
  }
  const manifest = modelChanged
    ? new Map<string, string>()
    : (deps.manifest ?? (await readManifest(collection)));
  const plan = planChanges(indexable, manifest);
  stats.filesUnchanged = plan.unchanged;
  stats.filesRemoved = plan.toRemove.length;
  await removePaths(collection, [
    ...plan.toRemove,
    ...plan.toEmbed.filter((e) => manifest.has(e.path)).map((e) => e.path),
  ]);
  for (const path of plan.toRemove) deps.observer?.fileRemoved(path);

  const byBlob = new Map<string, TreeEntry[]>();
  for (const entry of plan.toEmbed) byBlob.set(entry.blobSha, [...(byBlob.get(entry.blobSha) ?? []), entry]);
  const pipeline = new UpsertPipeline(
    collection,
    deps.embedder,
    Math.max(1, input.writesInFlight ?? DEFAULT_IN_FLIGHT),
  );
  let pending: ChunkRecord[] = [];
  for await (const blob of readBlobs(input.repoDir, [...byBlob.keys()])) {
    for (const entry of byBlob.get(blob.sha) ?? []) {
      const reason = skipByContent(blob.content);
      if (reason) {
        countSkip(stats, reason);
        if (manifest.has(entry.path)) stats.filesRemoved++;
        deps.observer?.fileRemoved(entry.path);
        continue;
      }
      const records = chunkRecords({
        repo: input.repoFullName,
        commit,
        path: entry.path,
        blobSha: entry.blobSha,
        content: blob.content.toString('utf8'),
      });
      stats.filesEmbedded++;
      if (records.length > 0) deps.observer?.fileIndexed(entry.path, records);
      else deps.observer?.fileRemoved(entry.path);
      pending.push(...records);
      if (pending.length >= batchSize) {
        await pipeline.push(pending);
        stats.chunksUpserted += pending.length;
        pending = [];
      }
    }
  }
  await pipeline.push(pending);
  await pipeline.flush();
  stats.chunksUpserted += pending.length;
  await markIndexed(collection, deps.embedder, input.repoFullName, commit);
  stats.durationMs = Math.round(performance.now() - started);
  deps.logger.info({ ...stats }, 'repository indexed');
  return stats;
}
