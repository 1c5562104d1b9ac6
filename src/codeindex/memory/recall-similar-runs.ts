import type { Collection, Metadata } from 'chromadb';
import { z } from 'zod';
import { metaString } from '../collections/metadata.js';
import type { Embedder } from '../embedding/types.js';
import { tokenize } from '../embedding/tokenize.js';
import type { RecalledRun } from './types.js';

const filesSchema = z.array(z.string());

function overlap(a: string[], b: string[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  for (const t of setA) if (setB.has(t)) shared++;
  return setA.size === 0 ? 0 : shared / setA.size;
}

function toRecalled(meta: Metadata | null, similarity: number): RecalledRun {
  const files = filesSchema.safeParse(JSON.parse(metaString(meta, 'files_changed') ?? '[]'));
  const filesChanged = files.success ? files.data : [];
  const issueTitle = metaString(meta, 'issue_title') ?? '';
  const outcome = metaString(meta, 'outcome') ?? '';
  const feedback = metaString(meta, 'feedback') || undefined;
  const where = filesChanged.length ? ` the change to ${filesChanged.slice(0, 5).join(', ')}` : '';
  return {
    runId: metaString(meta, 'run_id') ?? '',
    issueTitle,
    plan: metaString(meta, 'plan') ?? '',
    outcome,
    feedback,
    filesChanged,
    similarity: Number(similarity.toFixed(4)),
    summary: `Last time ("${issueTitle}")${where}: ${outcome}${feedback ? ` — review feedback: ${feedback}` : ''}`,
    rememberedAt: metaString(meta, 'remembered_at') ?? '',
  };
}

/**
 * Past runs of the same repository most like `text`: vector neighbours re-scored with the share of the
 * query's words they contain, so a run about the same file or function wins over a vaguely similar one.
 */
export async function recallSimilarRuns(
  collection: Collection,
  embedder: Embedder,
  repoFullName: string,
  text: string,
  k = 3,
): Promise<RecalledRun[]> {
  const stored = await collection.count();
  if (stored === 0) return [];
  const result = await collection.query({
    queryEmbeddings: [await embedder.embedQuery(text)],
    nResults: Math.min(stored, Math.max(k * 4, 10)),
    where: { repo: repoFullName },
    include: ['distances', 'metadatas', 'documents'],
  });
  const queryTokens = tokenize(text);
  const ids = result.ids[0] ?? [];
  return ids
    .map((_, i) => {
      const vectorSim = 1 - (result.distances[0]?.[i] ?? 1);
      const lexical = overlap(queryTokens, tokenize(result.documents[0]?.[i] ?? ''));
      return toRecalled(result.metadatas[0]?.[i] ?? null, 0.6 * vectorSim + 0.4 * lexical);
    })
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}
