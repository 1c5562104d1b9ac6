import { parseArgs } from 'node:util';
import { createCodeIndex, createEmbedder, startChroma } from '../../src/codeindex/index.js';
import { createLogger } from '../../src/monitoring/logger.js';

/**
 * Indexes one repository in a process of its own and prints, as one JSON line, how much it grew: the
 * figure a worker that indexes the repository would see, without the benchmark's own state in it.
 * `tsx bench/retrieval/memory-child.ts --chroma <url> --repo <dir>` (run by memory.ts).
 */
const { values } = parseArgs({
  options: { chroma: { type: 'string' }, repo: { type: 'string' } },
});
if (!values.chroma || !values.repo) throw new Error('usage: memory-child.ts --chroma <url> --repo <dir>');
const logger = createLogger('warn', 'bench-memory');
const chroma = await startChroma({ url: values.chroma, dataDir: '', logger });
const index = createCodeIndex({ chroma, embedder: createEmbedder({ provider: 'local' }), logger });
global.gc?.();
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  peakRss = Math.max(peakRss, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
}, 50);
const stats = await index.indexRepository({
  repoDir: values.repo,
  repoFullName: 'bench/memory',
  commit: 'HEAD',
});
clearInterval(sampler);
// What stays once garbage is collected: the lexicon and whatever else indexing keeps.
global.gc?.();
const retainedHeap = process.memoryUsage().heapUsed - before.heapUsed;
const mib = (n: number): number => Math.round(n / 1024 / 1024);
console.log(
  JSON.stringify({
    files: stats.filesTracked,
    filesEmbedded: stats.filesEmbedded,
    chunks: stats.chunksUpserted,
    seconds: stats.durationMs / 1000,
    rssBeforeMiB: mib(before.rss),
    peakRssGrowthMiB: mib(peakRss - before.rss),
    peakHeapGrowthMiB: mib(peakHeap - before.heapUsed),
    retainedHeapGrowthMiB: mib(retainedHeap),
  }),
);
await index.close();
await chroma.stop();
