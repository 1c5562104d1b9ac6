import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { CodeIndex } from '../../src/codeindex/index.js';

export interface LargeResult {
  files: number;
  filesEmbedded: number;
  chunks: number;
  seconds: number;
  filesPerSecond: number;
  chunksPerSecond: number;
  /** Peak resident memory of the benchmark process while indexing, minus what it held before (MiB). */
  peakRssGrowthMiB: number;
  /** Building the in-memory lexicon on the first search after indexing. */
  lexiconSeconds: number;
  /** Searches after the lexicon is built. */
  msPerQuery: number;
}

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
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git(
    '-c',
    'user.email=bench@example.com',
    '-c',
    'user.name=bench',
    'commit',
    '-q',
    '-m',
    'large benchmark tree',
  );
  return dir;
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
    const queries = [
      'parse a semver range',
      'zod schema refine error message',
      'retry with exponential backoff',
      'websocket connection closed',
    ];
    const started = performance.now();
    for (const q of queries) await codeIndex.searchCode('bench/large', q, { k: 10 });
    const msPerQuery = (performance.now() - started) / queries.length;
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
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
