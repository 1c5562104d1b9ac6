import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEmbedder, startChroma } from '../../src/codeindex/index.js';
import { openCodeCollection } from '../../src/codeindex/indexing/code-collection.js';
import { indexRepository } from '../../src/codeindex/indexing/index-repository.js';
import type { Bm25Hit } from '../../src/codeindex/lexical/bm25.js';
import { buildRepoLexicon, type RepoLexicon } from '../../src/codeindex/lexical/repo-lexicon.js';
import { analyzeQuery, type QueryAnalysis } from '../../src/codeindex/retrieval/analyze-query.js';
import { rankFiles, type VectorHit } from '../../src/codeindex/retrieval/rank-files.js';
import type { HybridWeights } from '../../src/codeindex/retrieval/weights.js';
import { createLogger } from '../../src/monitoring/logger.js';
import { loadTasks } from './load-tasks.js';
import { scoreTask, summarize } from './metrics.js';
import type { Task } from './task.js';

/**
 * Weight search on the DEVELOPMENT half of one task set (tasks at even positions of the file):
 * `npx tsx bench/retrieval/tune.ts --tasks bench/retrieval/tasks/axios.jsonl --clone <path>`.
 * Signals are computed once per task; only the fusion is re-run per weight combination.
 */
interface Prepared {
  task: Task;
  lexicon: RepoLexicon;
  analysis: QueryAnalysis;
  vector: VectorHit[];
  chunkLexical: Bm25Hit[];
  fileLexical: Bm25Hit[];
}

const { values } = parseArgs({ options: { tasks: { type: 'string' }, clone: { type: 'string' } } });
if (!values.tasks || !values.clone) throw new Error('usage: tune --tasks <file.jsonl> --clone <path>');
const dev = (await loadTasks(values.tasks)).filter((_, i) => i % 2 === 0);
const logger = createLogger('warn', 'tune');
const dataDir = mkdtempSync(join(tmpdir(), 'tune-'));
const chroma = await startChroma({ dataDir, logger });
const embedder = createEmbedder({ provider: 'local' });
try {
  const prepared: Prepared[] = [];
  for (const task of dev) {
    await indexRepository(
      { client: chroma.client, embedder, logger },
      { repoDir: values.clone, repoFullName: 'tune/dev', commit: task.parent },
    );
    const { collection } = await openCodeCollection(chroma.client, embedder, 'tune/dev');
    const lexicon = await buildRepoLexicon(collection, task.parent);
    const analysis = analyzeQuery(task.query);
    const q = await collection.query({
      queryEmbeddings: [await embedder.embedQuery(task.query)],
      nResults: 100,
      include: ['distances'],
    });
    const vector = (q.ids[0] ?? []).map((id, i) => ({ id, similarity: 1 - (q.distances[0]?.[i] ?? 1) }));
    prepared.push({
      task,
      lexicon,
      analysis,
      vector,
      chunkLexical: lexicon.chunkIndex.search(analysis.tokens, 200),
      fileLexical: lexicon.fileIndex.search(analysis.tokens, 100),
    });
  }
  const grid: HybridWeights[] = [];
  for (const vector of [0, 0.15, 0.3, 0.45])
    for (const chunkLexical of [0, 0.15, 0.3])
      for (const fileLexical of [0.3, 0.45, 0.6])
        for (const symbol of [0, 0.15, 0.3])
          for (const path of [0, 0.2, 0.35, 0.5])
            grid.push({
              vector,
              chunkLexical,
              fileLexical,
              symbol,
              path,
              scope: 0.2,
              history: 0.2,
              kindPrior: 1,
            });
  const rows = grid.map((weights) => {
    const scores = prepared.map((p) =>
      scoreTask(
        rankFiles(p.lexicon, p.analysis, p, weights)
          .slice(0, 10)
          .map((f) => f.path),
        p.task.gold,
      ),
    );
    return { weights, ...summarize(scores) };
  });
  rows.sort((a, b) => b.recallAt5 + b.mrr - (a.recallAt5 + a.mrr));
  for (const r of rows.slice(0, 15)) console.log(JSON.stringify(r));
} finally {
  await chroma.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
