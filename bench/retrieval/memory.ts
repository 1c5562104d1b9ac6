import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { buildGeneratedRepo } from './generated-repo.js';

const memoryResultSchema = z.object({
  files: z.number(),
  filesEmbedded: z.number(),
  chunks: z.number(),
  seconds: z.number(),
  rssBeforeMiB: z.number(),
  peakRssGrowthMiB: z.number(),
  peakHeapGrowthMiB: z.number(),
  retainedHeapGrowthMiB: z.number(),
});

export type MemoryResult = z.infer<typeof memoryResultSchema>;

/**
 * Indexes a generated repository of `count` files in a fresh child process against the benchmark's
 * Chroma, and reports how much that process grew (the bound: 300 MiB for 20,000 files).
 */
export async function runMemory(chromaUrl: string, count: number): Promise<MemoryResult> {
  const dir = buildGeneratedRepo(count);
  try {
    const child = join(import.meta.dirname, 'memory-child.ts');
    // --expose-gc: the child also reports what stays on the heap once garbage is collected.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', child, '--chroma', chromaUrl, '--repo', dir],
      { maxBuffer: 1024 * 1024 },
    );
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return memoryResultSchema.parse(JSON.parse(last));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
