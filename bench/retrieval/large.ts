import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { CodeIndex } from '../../src/codeindex/index.js';
import { percentile } from './metrics.js';

export interface LargeResult {
  files: number;
  filesEmbedded: number;
  chunks: number;
  seconds: number;
  filesPerSecond: number;
  chunksPerSecond: number;
  /** Peak resident memory of the benchmark process while indexing, minus what it held before (MiB). */
  peakRssGrowthMiB: number;
  /** The first search after the first index (it pays for whatever indexing left undone). */
  lexiconSeconds: number;
  /** Searches after the first one: mean and 99th percentile. */
  msPerQuery: number;
  p99Ms: number;
  /** Re-indexing after a commit that changes one file, and the first search after it. */
  oneFileReindexMs: number;
  oneFileFilesEmbedded: number;
  firstSearchAfterOneFileMs: number;
}

const QUERIES = [
  'parse a semver range',
  'zod schema refine error message',
  'retry with exponential backoff',
  'websocket connection closed',
  'abort signal cancels the request',
  'timeout is ignored when the socket hangs',
  'merge deep objects without prototype pollution',
  'format a date in the local time zone',
  'stream ends before all data is read',
  'path with spaces is not escaped',
  'JSON.parse fails on a trailing comma',
  'event listener leak warning',
  'buffer length is wrong for utf8 strings',
  'default export missing in the type declarations',
  'promise rejection is not caught',
  'headers are lower-cased twice',
  'cache key collides for different arguments',
  'environment variable overrides the config file',
  'recursive directory walk follows symlinks',
  'number is rounded incorrectly',
];

function collectTsFiles(root: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (out.length >= limit) return;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.ts')) out.push(full);
    }
  };
  walk(root);
  return out;
}

/** Builds a git repository from `count` TypeScript files of node_modules (paths rewritten so none is "vendored"). */
export function buildLargeRepo(nodeModules: string, count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'codeindex-large-'));
  for (const file of collectTsFiles(nodeModules, count)) {
    const rel = relative(nodeModules, file).replace(/(^|\/)(node_modules|dist)\//g, '$1pkg_$2/');
    const target = join(dir, 'src', rel);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, stdio: 'ignore' });
  commitAll(dir, 'large benchmark tree');
  return dir;
}

function commitAll(dir: string, message: string): void {
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('add', '-A');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-q', '-m', message);
}

/** Appends a function to the first tracked file, commits, and times the re-index and the search after it. */
async function reindexOneFile(
  codeIndex: CodeIndex,
  dir: string,
): Promise<Pick<LargeResult, 'oneFileReindexMs' | 'oneFileFilesEmbedded' | 'firstSearchAfterOneFileMs'>> {
  const first = execFileSync('git', ['ls-files'], { cwd: dir, encoding: 'utf8' }).split('\n')[0] ?? '';
  appendFileSync(join(dir, first), '\nexport function benchOneFileChange(): number {\n  return 1;\n}\n');
  commitAll(dir, 'one-file change');
  const stats = await codeIndex.indexRepository({
    repoDir: dir,
    repoFullName: 'bench/large',
    commit: 'HEAD',
  });
  const started = performance.now();
  await codeIndex.searchCode('bench/large', 'benchOneFileChange', { k: 1 });
  return {
    oneFileReindexMs: stats.durationMs,
    oneFileFilesEmbedded: stats.filesEmbedded,
    firstSearchAfterOneFileMs: Number((performance.now() - started).toFixed(1)),
  };
}

/** Indexes ~`count` files in one go and reports throughput and memory growth. */
export async function runLarge(
  codeIndex: CodeIndex,
  nodeModules: string,
  count: number,
): Promise<LargeResult> {
  const dir = buildLargeRepo(nodeModules, count);
  try {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const stats = await codeIndex.indexRepository({
      repoDir: dir,
      repoFullName: 'bench/large',
      commit: 'HEAD',
    });
    clearInterval(sampler);
    const warm = performance.now();
    await codeIndex.searchCode('bench/large', 'warm up the lexicon', { k: 1 });
    const lexiconSeconds = Number(((performance.now() - warm) / 1000).toFixed(2));
    const times: number[] = [];
    for (const q of QUERIES) {
      const started = performance.now();
      await codeIndex.searchCode('bench/large', q, { k: 10 });
      times.push(performance.now() - started);
    }
    const msPerQuery = times.reduce((a, b) => a + b, 0) / times.length;
    const oneFile = await reindexOneFile(codeIndex, dir);
    const seconds = stats.durationMs / 1000;
    return {
      files: stats.filesTracked,
      filesEmbedded: stats.filesEmbedded,
      chunks: stats.chunksUpserted,
      seconds,
      filesPerSecond: Math.round(stats.filesEmbedded / seconds),
      chunksPerSecond: Math.round(stats.chunksUpserted / seconds),
      peakRssGrowthMiB: Math.round((peak - before) / 1024 / 1024),
      lexiconSeconds,
      msPerQuery: Number(msPerQuery.toFixed(1)),
      p99Ms: Number(percentile(times, 99).toFixed(1)),
      ...oneFile,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
