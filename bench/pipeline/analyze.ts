import type { CommentTimes } from './comment-times.js';
import type { PhaseRaw, Trigger } from './phase.js';
import { sum } from './stats.js';
import type { CallRecord, CheckpointStats, RunRecord, StepRecord } from './types.js';

/** Where one node's wall time went. GitHub time is part of the overhead; it is shown to explain it. */
export interface NodeTiming {
  node: string;
  wallMs: number;
  modelMs: number;
  testMs: number;
  overheadMs: number;
  /** Time inside GitHub requests (sequential phase only: runs do not overlap there), else null. */
  githubMs: number | null;
  githubCalls: number | null;
}

export interface RunMetrics {
  token: number;
  issueNumber: number;
  status: string;
  error: string | null;
  ackMs: number;
  /** Webhook sent → run row committed; → job picked up by a worker. */
  toCreatedMs: number;
  toStartedMs: number | null;
  toStatusCommentMs: number | null;
  toPlanCommentMs: number | null;
  /** Webhook → plan comment minus the model time before it (intake + planning calls). */
  overheadToPlanMs: number | null;
  wallMs: number | null;
  modelMs: number;
  modelCalls: number;
  testMs: number;
  overheadMs: number | null;
  nodes: NodeTiming[];
  /** Job start → first step, gaps between steps, last step → run finished (graph, checkpoints, status). */
  outsideStepsMs: number | null;
  checkpoint: CheckpointStats;
  eventRows: number;
}

const within = (t: number, step: StepRecord): boolean =>
  t >= step.startedMs && t <= (step.finishedMs ?? Infinity);
const duration = (c: CallRecord): number => c.endMs - c.startMs;

function nodeTimings(run: RunRecord, model: CallRecord[], github: CallRecord[] | null): NodeTiming[] {
  return run.steps.map((step) => {
    const wallMs = (step.finishedMs ?? step.startedMs) - step.startedMs;
    const modelMs = sum(model.filter((c) => within(c.startMs, step)).map(duration));
    const testMs = sum(run.commands.filter((c) => c.stepId === step.id).map((c) => c.durationMs));
    const gh = github?.filter((c) => within(c.startMs, step));
    return {
      node: step.node,
      wallMs,
      modelMs,
      testMs,
      overheadMs: wallMs - modelMs - testMs,
      githubMs: gh ? sum(gh.map(duration)) : null,
      githubCalls: gh ? gh.length : null,
    };
  });
}

function outsideSteps(run: RunRecord): number | null {
  if (run.startedMs === null || run.finishedMs === null || run.steps.length === 0) return null;
  const inSteps = sum(run.steps.map((s) => (s.finishedMs ?? s.startedMs) - s.startedMs));
  return run.finishedMs - run.startedMs - inSteps;
}

/** Per-run figures for one phase: runs are found by issue number, model calls by the bench token. */
export function analyzePhase(
  phase: PhaseRaw,
  runs: readonly RunRecord[],
  calls: readonly CallRecord[],
  comments: readonly CommentTimes[],
): RunMetrics[] {
  const sequential = phase.name === 'sequential';
  return phase.triggers.flatMap((t: Trigger) => {
    const run = runs.find((r) => r.issueNumber === t.issueNumber);
    if (!run) return [];
    const model = calls.filter((c) => c.kind === 'anthropic' && c.token === t.token);
    const end = run.finishedMs ?? Infinity;
    const github = sequential
      ? calls.filter((c) => c.kind === 'github' && c.startMs >= t.webhookMs && c.startMs <= end)
      : null;
    const comment = comments.find((c) => c.issueNumber === t.issueNumber);
    const planMs = comment?.planMs ?? null;
    const modelMs = sum(model.map(duration));
    const testMs = sum(run.commands.map((c) => c.durationMs));
    const wallMs = run.finishedMs === null ? null : run.finishedMs - t.webhookMs;
    const modelBeforePlan = planMs === null ? 0 : sum(model.filter((c) => c.endMs <= planMs).map(duration));
    return [
      {
        token: t.token,
        issueNumber: t.issueNumber,
        status: run.status,
        error: run.error,
        ackMs: t.ackMs,
        toCreatedMs: run.createdMs - t.webhookMs,
        toStartedMs: run.startedMs === null ? null : run.startedMs - t.webhookMs,
        toStatusCommentMs: comment?.createdMs == null ? null : comment.createdMs - t.webhookMs,
        toPlanCommentMs: planMs === null ? null : planMs - t.webhookMs,
        overheadToPlanMs: planMs === null ? null : planMs - t.webhookMs - modelBeforePlan,
        wallMs,
        modelMs,
        modelCalls: model.length,
        testMs,
        overheadMs: wallMs === null ? null : wallMs - modelMs - testMs,
        nodes: nodeTimings(run, model, github),
        outsideStepsMs: outsideSteps(run),
        checkpoint: run.checkpoint,
        eventRows: run.eventRows,
      },
    ];
  });
}

/** Runs per minute: runs finished / (first webhook sent → last run finished). */
export function throughput(
  phase: PhaseRaw,
  runs: readonly RunRecord[],
): { elapsedS: number; runsPerMinute: number; finished: number } {
  const mine = runs.filter((r) => phase.triggers.some((t) => t.issueNumber === r.issueNumber));
  const finished = mine.filter((r) => r.finishedMs !== null);
  const first = Math.min(...phase.triggers.map((t) => t.webhookMs));
  const last = Math.max(...finished.map((r) => r.finishedMs ?? 0));
  const elapsedS = (last - first) / 1000;
  return {
    elapsedS: Math.round(elapsedS * 100) / 100,
    runsPerMinute: elapsedS > 0 ? Math.round((finished.length / elapsedS) * 60 * 10) / 10 : 0,
    finished: finished.length,
  };
}
