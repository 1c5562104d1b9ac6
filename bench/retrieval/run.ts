import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCodeIndex, createEmbedder, startChroma } from '../../src/codeindex/index.js';
import { gitOutput } from '../../src/integrations/git/index.js';
import { createLogger } from '../../src/monitoring/logger.js';
import { cloneProblem, parseClones } from './clones.js';
import { runLarge, type LargeResult } from './large.js';
import { runMemory, type MemoryResult } from './memory.js';
import { loadTasks } from './load-tasks.js';
import { mineTasks } from './mine-tasks.js';
import { markdownReport } from './report.js';
import { pooled } from './metrics.js';
import { runSet, SYSTEMS, type SetResult } from './run-set.js';
import { commitExists } from './commit-exists.js';

/**
 * Retrieval benchmark: `npm run bench:retrieval -- [--clone axios=<path>] [--sets axios,fastify,self] [--large [--large-files 5000]] [--large-only] [--memory-files 20000]`.
 * See bench/retrieval/README.md.
 */
const { values } = parseArgs({
  options: {
    clone: { type: 'string', multiple: true, default: [] },
    sets: { type: 'string' },
    large: { type: 'boolean', default: false },
    'large-files': { type: 'string', default: '5000' },
    /** Only the speed part: the large tree (and the memory run when asked), no ranking task set. */
    'large-only': { type: 'boolean', default: false },
    'memory-files': { type: 'string' },
    'self-max': { type: 'string', default: '60' },
    out: { type: 'string', default: 'bench/results/retrieval.json' },
  },
  allowPositionals: true,
});

const here = resolve(import.meta.dirname);
const log = (line: string): void => console.log(line);
const clones = parseClones(values.clone, process.env.BENCH_RETRIEVAL_CLONES);
const wanted = values['large-only']
  ? new Set<string>()
  : values.sets
    ? new Set(values.sets.split(','))
    : undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'bench-retrieval-'));
const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'warn', 'bench');
const chroma = await startChroma({ dataDir, logger });
const embedder = createEmbedder({ provider: 'local' });
const codeIndex = createCodeIndex({ chroma, embedder, logger, lexiconDir: join(dataDir, 'lexicons') });
const results: SetResult[] = [];
const skipped: { set: string; reason: string }[] = [];

try {
  const taskFiles = readdirSync(join(here, 'tasks')).filter((f) => f.endsWith('.jsonl'));
  for (const file of taskFiles) {
    const set = basename(file, '.jsonl');
    if (wanted && !wanted.has(set)) continue;
    const tasks = await loadTasks(join(here, 'tasks', file));
    const clone = clones.get(set);
    let problem = cloneProblem(set, tasks[0]?.repo ?? set, clone);
    const firstParent = tasks[0]?.parent ?? '';
    if (!problem && clone && !(await commitExists(clone, firstParent))) {
      problem = `clone ${clone} lacks commit ${firstParent}; fetch its full history (git fetch --unshallow).`;
    }
    if (problem || !clone) {
      skipped.push({ set, reason: problem ?? 'no clone' });
      log(`SKIP ${set}: ${problem}`);
      continue;
    }
    log(`set ${set}: ${tasks.length} tasks from ${clone}`);
    results.push(await runSet(codeIndex, clone, set, tasks, log));
  }
  if (!wanted || wanted.has('self')) {
    const self = (await gitOutput(process.cwd(), ['rev-parse', '--show-toplevel'])).trim();
    const tasks = await mineTasks(self, { set: 'self', repo: 'self', max: Number(values['self-max']) });
    if (tasks.length === 0) {
      skipped.push({ set: 'self', reason: `no bug-fix commits touching 1–3 source files in ${self} yet.` });
      log(`SKIP self: no qualifying commits in ${self} yet`);
    } else {
      log(`set self: ${tasks.length} tasks mined from ${self}`);
      results.push(await runSet(codeIndex, self, 'self', tasks, log));
    }
  }
  let large: LargeResult | undefined;
  if (values.large || values['large-only']) {
    log(`large: indexing ${values['large-files']} TypeScript files from node_modules`);
    large = await runLarge(codeIndex, join(process.cwd(), 'node_modules'), Number(values['large-files']));
  }
  let memory: MemoryResult | undefined;
  if (values['memory-files']) {
    log(`memory: indexing a generated ${values['memory-files']}-file tree in a fresh process`);
    memory = await runMemory(chroma.url, Number(values['memory-files']));
  }
  const report = markdownReport(results, skipped, large, memory);
  await mkdir(resolve(values.out, '..'), { recursive: true });
  await writeFile(
    values.out,
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        embedder: embedder.modelId,
        neuralEmbedder:
          'none: no npm package in reach ships embedding model weights (see bench/retrieval/README.md)',
        sets: results,
        overall: Object.fromEntries(
          SYSTEMS.map((name) => [name, pooled(results.map((r) => r.systems[name]))]),
        ),
        skipped,
        large,
        memory,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\n${report}\n\nresults → ${values.out}`);
} finally {
  await codeIndex.close();
  await chroma.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
