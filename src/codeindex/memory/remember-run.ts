import { createHash } from 'node:crypto';
import type { Collection } from 'chromadb';
import type { Embedder } from '../embedding/types.js';
import { runMemoryInputSchema, type RunMemoryInput } from './types.js';

/** The text a memory is embedded and matched by: what the issue asked, what was planned and what happened. */
export function memoryDocument(run: {
  issueTitle: string;
  issueBody: string;
  plan: string;
  outcome: string;
  feedback?: string;
  filesChanged: string[];
}): string {
  return [
    run.issueTitle,
    run.issueBody,
    `Plan: ${run.plan}`,
    `Outcome: ${run.outcome}`,
    run.feedback ? `Feedback: ${run.feedback}` : '',
    run.filesChanged.length ? `Files: ${run.filesChanged.join(' ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Stores a finished run (plan, outcome, feedback, files) so similar issues can recall it. Returns its id. */
export async function rememberRun(
  collection: Collection,
  embedder: Embedder,
  input: RunMemoryInput,
): Promise<string> {
  const run = runMemoryInputSchema.parse(input);
  const runId =
    run.runId ??
    createHash('sha256')
      .update(`${run.repoFullName}\n${run.issueTitle}\n${run.plan}\n${run.outcome}`)
      .digest('hex')
      .slice(0, 24);
  const document = memoryDocument(run);
  await collection.upsert({
    ids: [`${run.repoFullName}#${runId}`],
    documents: [document],
    embeddings: [(await embedder.embedDocuments([document]))[0] ?? []],
    metadatas: [
      {
        repo: run.repoFullName,
        run_id: runId,
        issue_title: run.issueTitle,
        plan: run.plan,
        outcome: run.outcome,
        feedback: run.feedback ?? '',
        files_changed: JSON.stringify(run.filesChanged),
        remembered_at: new Date().toISOString(),
      },
    ],
  });
  return runId;
}
