/**
 * `npm run bench`: runs every benchmark in order, prints a markdown table per benchmark and writes
 * `bench/results/<name>.json` with the machine it ran on and the raw figures.
 * Add a benchmark by appending to `benchmarks` (e.g. `bench/pipeline/…`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runApiBench } from './api/index.js';
import { runPipelineBench } from './pipeline/index.js';
import { runWebhooksBench } from './webhooks/index.js';

interface Benchmark {
  name: string;
  run(log: (line: string) => void): Promise<{ table: string; data: unknown }>;
}

const benchmarks: Benchmark[] = [
  { name: 'webhooks', run: runWebhooksBench },
  { name: 'pipeline', run: runPipelineBench },
  { name: 'api', run: runApiBench },
];

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

function machine(load: number[]) {
  const cores = cpus();
  return {
    /** 1/5/15-minute load average when the benchmark started: above ~0.5 something else was running. */
    loadAverageAtStart: load.map((v) => Math.round(v * 100) / 100),
    cpus: cores.length,
    cpuModel: cores[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    date: new Date().toISOString(),
  };
}

const only = process.argv.slice(2);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
await mkdir(RESULTS_DIR, { recursive: true });
for (const bench of benchmarks.filter((b) => only.length === 0 || only.includes(b.name))) {
  const load = loadavg();
  if ((load[0] ?? 0) > 0.5 * cpus().length)
    log(`warning: load average ${load[0]?.toFixed(2)} — other work is running; figures will be noisy`);
  const started = performance.now();
  const { table, data } = await bench.run(log);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const file = `${RESULTS_DIR}${bench.name}.json`;
  await writeFile(
    file,
    `${JSON.stringify({ benchmark: bench.name, machine: machine(load), seconds, ...(data as object) }, null, 2)}\n`,
  );
  process.stdout.write(`\n## ${bench.name} (${seconds} s)\n\n${table}\n\nRaw figures: ${file}\n`);
}
