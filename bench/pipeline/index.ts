import { markdownTables, verdicts } from './report.js';
import { buildResult, TARGETS, type BackendResult } from './results.js';
import { runSession, type BenchPlan } from './session.js';
import { backends } from './types.js';

function plan(): BenchPlan {
  const runs = Number(process.env['BENCH_PIPELINE_RUNS'] ?? 20);
  if (!Number.isInteger(runs) || runs < 1 || runs > 200) throw new Error('BENCH_PIPELINE_RUNS must be 1–200');
  const phaseCapS = Number(process.env['BENCH_PIPELINE_PHASE_CAP_S'] ?? 40);
  return { runs, perRunTimeoutMs: 30_000, phaseCapMs: phaseCapS * 1000 };
}

/**
 * The pipeline benchmark: per backend, N scripted runs one at a time, then N labeled at once with one worker
 * and with two. The twins run in this process; the app (and a second worker) in child processes.
 */
export async function runPipelineBench(
  log: (line: string) => void,
): Promise<{ table: string; data: unknown }> {
  const benchPlan = plan();
  const only = process.env['BENCH_PIPELINE_BACKENDS']?.split(',').map((b) => b.trim());
  const results: BackendResult[] = [];
  for (const backend of backends.filter((b) => !only || only.includes(b))) {
    const raw = await runSession(backend, benchPlan, log);
    const result = buildResult(raw);
    const s = result.sequential.summary;
    log(
      `pipeline: ${backend}: overhead to plan p50 ${s['overheadToPlanMs']?.p50} ms, whole run p50 ${s['overheadMs']?.p50} ms; ` +
        `runs/min ${result.bursts.map((b) => `${b.workers}w ${b.runsPerMinute}`).join(', ')}` +
        (result.failures.length ? `; failures: ${result.failures.join('; ')}` : ''),
    );
    results.push(result);
  }
  return {
    table: markdownTables(results),
    data: {
      plan: benchPlan,
      targets: TARGETS,
      notes: [
        'Twins (GitHub, Anthropic) run in the benchmark process; the app (web + worker) runs in a child process, as does the second worker for postgres+redis.',
        'The app gets GITHUB_THROTTLE=off (the twin has no rate limits) and LOG_LEVEL=silent; the code index (Chroma child process) is on, as by default.',
        'Model time: every Anthropic call timed in the app process by a wrapper around globalThis.fetch, from the request until the whole answer was read; attributed to a run by the [BENCH-nnnn] token in the request body and to a node by start time.',
        'Test time: durationMs of the `command` events. Overhead = wall − model − test; GitHub request time counts as overhead (shown separately per node in the sequential phase).',
        'Webhook time: when the twin started sending the issues.labeled delivery (its answer time minus its duration). Status/plan comment times: arrival of the POST/PATCH at the twin (its request log) whose body first had the plan.',
        'Checkpoint bytes: octet_length of checkpoints.checkpoint/metadata (JSONB as text) and of the BYTEA blobs, per thread_id (= run id).',
      ],
      results,
      verdicts: verdicts(results),
    },
  };
}
