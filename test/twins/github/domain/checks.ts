import type { TwinContext } from '../context.js';
import {
  now,
  type AnnotationRecord,
  type CheckRunRecord,
  type RepoRecord,
  type UserRecord,
} from '../state.js';
import { checkRunHook } from '../webhooks/payloads.js';
import type { Emit } from '../webhooks/types.js';
import { notFound } from './errors.js';

/** The fields of a check run create/update body the twin keeps (already validated against the spec). */
export interface CheckRunChange {
  name?: string;
  head_sha?: string;
  status?: CheckRunRecord['status'];
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  details_url?: string;
  external_id?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: AnnotationRecord[] };
}

function apply(run: CheckRunRecord, change: CheckRunChange): void {
  if (change.name !== undefined) run.name = change.name;
  if (change.details_url !== undefined) run.detailsUrl = change.details_url;
  if (change.external_id !== undefined) run.externalId = change.external_id;
  if (change.started_at !== undefined) run.startedAt = change.started_at;
  if (change.status !== undefined) run.status = change.status;
  if (change.conclusion !== undefined) {
    run.conclusion = change.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed') run.completedAt = change.completed_at ?? run.completedAt ?? now();
  if (change.output) {
    run.output = {
      title: change.output.title ?? run.output.title,
      summary: change.output.summary ?? run.output.summary,
      text: change.output.text ?? run.output.text,
    };
    run.annotations.push(...(change.output.annotations ?? []));
  }
}

export function createCheckRun(
  ctx: TwinContext,
  repo: RepoRecord,
  change: CheckRunChange & { name: string; head_sha: string },
  raw: Record<string, unknown>,
): CheckRunRecord {
  const run: CheckRunRecord = {
    id: ctx.state.ids.next('check-run', 800_000),
    checkSuiteId: ctx.state.ids.next('check-suite', 850_000),
    name: change.name,
    headSha: change.head_sha,
    status: 'queued',
    conclusion: null,
    startedAt: now(),
    completedAt: null,
    detailsUrl: null,
    externalId: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    updates: [raw],
  };
  apply(run, change);
  repo.checkRuns.set(run.id, run);
  return run;
}

export function getCheckRun(repo: RepoRecord, id: number): CheckRunRecord {
  const run = repo.checkRuns.get(id);
  if (!run) throw notFound();
  return run;
}

export function updateCheckRun(
  run: CheckRunRecord,
  change: CheckRunChange,
  raw: Record<string, unknown>,
): void {
  run.updates.push(raw);
  apply(run, change);
}

/** A user pressed "Re-run" on the check run: GitHub sends `check_run.rerequested` to its app. */
export function rerequestCheckRun(
  ctx: TwinContext,
  repo: RepoRecord,
  run: CheckRunRecord,
  by: UserRecord,
  emit: Emit,
): void {
  emit(checkRunHook(ctx, repo, run, 'rerequested', by));
}
