import { TARGETS, type BackendResult } from './results.js';
import type { Summary } from './stats.js';

const f = (v: number): string => (Number.isFinite(v) ? String(Math.round(v)) : '–');
const pair = (s: Summary | undefined): string => (s ? `${f(s.p50)} / ${f(s.p90)}` : '–');
const mark = (ok: boolean): string => (ok ? '✓' : '✗');
const kib = (v: number): string => (Number.isFinite(v) ? (v / 1024).toFixed(1) : '–');

function latencyTable(results: readonly BackendResult[]): string[] {
  const rows: Array<[string, string]> = [
    ['webhook acknowledged (ms)', 'ackMs'],
    ['webhook → run row committed', 'toCreatedMs'],
    ['webhook → job picked up by the worker', 'toStartedMs'],
    ['webhook → status comment created', 'toStatusCommentMs'],
    ['webhook → plan in the status comment (wall)', 'toPlanCommentMs'],
    ['**overhead: webhook → plan comment** (wall − model)', 'overheadToPlanMs'],
    ['webhook → run finished (wall)', 'wallMs'],
    ['model time (twin calls, timed in the app)', 'modelMs'],
    ['test time (`command` events)', 'testMs'],
    ['**overhead: whole run** (wall − model − test)', 'overheadMs'],
    ['of which outside steps (job start, between nodes, end)', 'outsideStepsMs'],
  ];
  return [
    `| sequential runs, ms p50 / p90 | ${results.map((r) => r.backend).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    ...rows.map(
      ([label, key]) => `| ${label} | ${results.map((r) => pair(r.sequential.summary[key])).join(' | ')} |`,
    ),
    `| model calls per run | ${results.map((r) => f(r.sequential.summary['modelCalls']?.p50 ?? Number.NaN)).join(' | ')} |`,
    `| succeeded / runs | ${results.map((r) => `${r.sequential.succeeded} / ${r.sequential.runs}`).join(' | ')} |`,
  ];
}

function nodeTable(result: BackendResult): string[] {
  const rows = result.sequential.nodes.map(
    (n) =>
      `| ${n.node} | ${f(n.wallMs.p50)} | ${f(n.modelMs.p50)} | ${f(n.testMs.p50)} | **${f(n.overheadMs.p50)}** | ${f(n.overheadMs.p90)} | ${f(n.githubMs.p50)} (${f(n.githubCalls.p50)}) |`,
  );
  const s = result.sequential.summary;
  return [
    `| ${result.backend}: node | wall p50 | model p50 | test p50 | overhead p50 | overhead p90 | GitHub request ms p50 (calls) |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    `| webhook → job picked up | ${f(s['toStartedMs']?.p50 ?? Number.NaN)} | 0 | 0 | **${f(s['toStartedMs']?.p50 ?? Number.NaN)}** | ${f(s['toStartedMs']?.p90 ?? Number.NaN)} | |`,
    `| outside steps | ${f(s['outsideStepsMs']?.p50 ?? Number.NaN)} | 0 | 0 | **${f(s['outsideStepsMs']?.p50 ?? Number.NaN)}** | ${f(s['outsideStepsMs']?.p90 ?? Number.NaN)} | |`,
  ];
}

function throughputTable(results: readonly BackendResult[]): string[] {
  const rows = results.flatMap((r) => [
    `| ${r.backend} | 1 (sequential, one run at a time${r.sequential.capped ? ', stopped at the time cap' : ''}) | ${r.sequential.succeeded} / ${r.sequential.runs} | – | ${r.sequential.runsPerMinute} | ${pair(r.sequential.summary['wallMs'])} |`,
    ...r.bursts.map(
      (b) =>
        `| ${r.backend} | ${b.workers} (burst)${b.timedOut ? ', timed out' : ''} | ${b.succeeded} / ${b.runs} | ${b.elapsedS} | **${b.runsPerMinute}** | ${pair(b.wallMs)} |`,
    ),
  ]);
  return [
    '| backend | workers | succeeded / runs | first webhook → last run finished, s | runs/min | webhook → finished ms p50 / p90 |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
  ];
}

function checkpointTable(results: readonly BackendResult[]): string[] {
  const c = (r: BackendResult, k: string) => r.checkpointPerRun[k]?.mean ?? Number.NaN;
  return [
    '| per run (mean) | checkpoints rows | checkpoint_writes rows | checkpoint_blobs rows | rows total | checkpoint KiB | writes KiB | blobs KiB | KiB total | events rows |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.backend} | ${f(c(r, 'checkpointRows'))} | ${f(c(r, 'writeRows'))} | ${f(c(r, 'blobRows'))} | ${f(c(r, 'totalRows'))} | ${kib(c(r, 'checkpointBytes'))} | ${kib(c(r, 'writeBytes'))} | ${kib(c(r, 'blobBytes'))} | ${kib(c(r, 'totalBytes'))} | ${f(c(r, 'eventRows'))} |`,
    ),
  ];
}

export interface TargetVerdict {
  backend: string;
  overheadToPlanP50: boolean;
  overheadToPlanP90: boolean;
  overheadRunP50: boolean;
  overheadRunP90: boolean;
  allSucceeded: boolean;
}

export function verdicts(results: readonly BackendResult[]): TargetVerdict[] {
  return results.map((r) => {
    const s = r.sequential.summary;
    const below = (key: string, q: 'p50' | 'p90', limit: number) => (s[key]?.[q] ?? Infinity) < limit;
    return {
      backend: r.backend,
      overheadToPlanP50: below('overheadToPlanMs', 'p50', TARGETS.overheadToPlanMs),
      overheadToPlanP90: below('overheadToPlanMs', 'p90', TARGETS.overheadToPlanMs),
      overheadRunP50: below('overheadMs', 'p50', TARGETS.overheadMs),
      overheadRunP90: below('overheadMs', 'p90', TARGETS.overheadMs),
      allSucceeded: r.failures.length === 0 && r.bursts.every((b) => !b.timedOut) && !r.sequential.timedOut,
    };
  });
}

export function markdownTables(results: readonly BackendResult[]): string {
  const targets = verdicts(results).map(
    (v) =>
      `- ${v.backend}: overhead webhook → plan comment < 1 s: p50 ${mark(v.overheadToPlanP50)} p90 ${mark(v.overheadToPlanP90)} · ` +
      `whole-run overhead < 3 s: p50 ${mark(v.overheadRunP50)} p90 ${mark(v.overheadRunP90)} · every run succeeded ${mark(v.allSucceeded)}`,
  );
  return [
    ...latencyTable(results),
    '',
    ...results.flatMap((r) => [...nodeTable(r), '']),
    ...throughputTable(results),
    '',
    ...checkpointTable(results),
    '',
    ...targets,
  ].join('\n');
}
