import { analyzePhase, throughput, type RunMetrics } from './analyze.js';
import type { SessionRaw } from './session.js';
import { summarize, type Summary } from './stats.js';
import type { Backend } from './types.js';

export const TARGETS = { overheadToPlanMs: 1_000, overheadMs: 3_000 } as const;

export interface NodeSummary {
  node: string;
  wallMs: Summary;
  modelMs: Summary;
  testMs: Summary;
  overheadMs: Summary;
  githubMs: Summary;
  githubCalls: Summary;
}

export interface BurstResult {
  workers: number;
  runs: number;
  succeeded: number;
  elapsedS: number;
  runsPerMinute: number;
  timedOut: boolean;
  /** Webhook → run finished, queueing included. */
  wallMs: Summary;
}

export interface BackendResult {
  backend: Backend;
  twoWorkers: string;
  sequential: {
    runs: number;
    succeeded: number;
    timedOut: boolean;
    /** Fewer runs than planned: the phase reached its time cap. */
    capped: boolean;
    runsPerMinute: number;
    summary: Record<string, Summary>;
    nodes: NodeSummary[];
    perRun: RunMetrics[];
  };
  bursts: BurstResult[];
  /** Per run, over every run of the backend. */
  checkpointPerRun: Record<string, Summary>;
  githubOperations: Record<string, number>;
  failures: string[];
}

type NumericKey = {
  [K in keyof RunMetrics]: RunMetrics[K] extends number | null ? K : never;
}[keyof RunMetrics];
const summaryKeys: NumericKey[] = [
  'ackMs',
  'toCreatedMs',
  'toStartedMs',
  'toStatusCommentMs',
  'toPlanCommentMs',
  'overheadToPlanMs',
  'wallMs',
  'modelMs',
  'modelCalls',
  'testMs',
  'overheadMs',
  'outsideStepsMs',
];

function values(runs: readonly RunMetrics[], key: NumericKey): number[] {
  return runs.map((r) => r[key]).filter((v): v is number => v !== null);
}

function nodeSummaries(runs: readonly RunMetrics[]): NodeSummary[] {
  const names = [...new Set(runs.flatMap((r) => r.nodes.map((n) => n.node)))];
  return names.map((node) => {
    const timings = runs.flatMap((r) => r.nodes.filter((n) => n.node === node));
    const pick = (f: (t: (typeof timings)[number]) => number | null) =>
      summarize(timings.map(f).filter((v): v is number => v !== null));
    return {
      node,
      wallMs: pick((t) => t.wallMs),
      modelMs: pick((t) => t.modelMs),
      testMs: pick((t) => t.testMs),
      overheadMs: pick((t) => t.overheadMs),
      githubMs: pick((t) => t.githubMs),
      githubCalls: pick((t) => t.githubCalls),
    };
  });
}

export function buildResult(raw: SessionRaw): BackendResult {
  const phaseRuns = raw.phases.map((p) => analyzePhase(p, raw.runs, raw.calls, raw.comments));
  const [seqPhase, ...burstPhases] = raw.phases;
  const seqRuns = phaseRuns[0] ?? [];
  const all = phaseRuns.flat();
  const failures = all
    .filter((r) => r.status !== 'succeeded')
    .map((r) => `#${r.issueNumber} ${r.status}: ${r.error ?? ''}`);
  const checkpoint = (f: (r: RunMetrics) => number) => summarize(all.map(f));
  return {
    backend: raw.backend,
    twoWorkers: raw.twoWorkers,
    sequential: {
      runs: seqRuns.length,
      succeeded: seqRuns.filter((r) => r.status === 'succeeded').length,
      timedOut: seqPhase?.timedOut ?? true,
      capped: seqPhase?.capped ?? true,
      runsPerMinute: seqPhase ? throughput(seqPhase, raw.runs).runsPerMinute : 0,
      summary: Object.fromEntries(summaryKeys.map((k) => [k, summarize(values(seqRuns, k))])),
      nodes: nodeSummaries(seqRuns),
      perRun: seqRuns,
    },
    bursts: burstPhases.map((phase, i) => {
      const runs = phaseRuns[i + 1] ?? [];
      return {
        workers: phase.workers,
        runs: phase.triggers.length,
        succeeded: runs.filter((r) => r.status === 'succeeded').length,
        ...throughput(phase, raw.runs),
        timedOut: phase.timedOut,
        wallMs: summarize(values(runs, 'wallMs')),
      };
    }),
    checkpointPerRun: {
      checkpointRows: checkpoint((r) => r.checkpoint.checkpoints),
      writeRows: checkpoint((r) => r.checkpoint.writes),
      blobRows: checkpoint((r) => r.checkpoint.blobs),
      totalRows: checkpoint((r) => r.checkpoint.checkpoints + r.checkpoint.writes + r.checkpoint.blobs),
      checkpointBytes: checkpoint((r) => r.checkpoint.checkpointBytes),
      writeBytes: checkpoint((r) => r.checkpoint.writeBytes),
      blobBytes: checkpoint((r) => r.checkpoint.blobBytes),
      totalBytes: checkpoint(
        (r) => r.checkpoint.checkpointBytes + r.checkpoint.writeBytes + r.checkpoint.blobBytes,
      ),
      eventRows: checkpoint((r) => r.eventRows),
    },
    githubOperations: raw.githubOperations,
    failures,
  };
}
