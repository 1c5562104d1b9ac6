import type { Queryable } from '../../src/storage/index.js';
import type { CheckpointStats, RunRecord, StepRecord } from './types.js';

/** Timestamps as epoch milliseconds with microseconds (a `Date` would round them to whole ms). */
const ms = (column: string) => `extract(epoch from ${column}) * 1000`;

interface RunRow {
  id: string;
  issue_number: number;
  status: string;
  error: string | null;
  created_ms: number;
  started_ms: number | null;
  finished_ms: number | null;
}

interface StepRow {
  id: string;
  run_id: string;
  node: string;
  status: string;
  started_ms: number;
  finished_ms: number | null;
}

interface CommandRow {
  run_id: string;
  step_id: string | null;
  duration_ms: number | null;
}

interface CountRow {
  thread_id: string;
  n: string;
  bytes: string | null;
}

const emptyCheckpoint = (): CheckpointStats => ({
  checkpoints: 0,
  checkpointBytes: 0,
  writes: 0,
  writeBytes: 0,
  blobs: 0,
  blobBytes: 0,
});

async function countByThread(
  db: Queryable,
  table: string,
  bytes: string,
): Promise<Map<string, [number, number]>> {
  const result = await db.query<CountRow>(
    `SELECT thread_id, count(*) AS n, sum(${bytes}) AS bytes FROM ${table} GROUP BY thread_id`,
  );
  return new Map(result.rows.map((r) => [r.thread_id, [Number(r.n), Number(r.bytes ?? 0)]]));
}

/**
 * Every run with its steps, command durations, event count and the checkpoint rows of its thread.
 * Checkpoint bytes: `octet_length` of the JSONB columns as text and of the BYTEA blobs (logical size,
 * before TOAST compression and without row/index overhead).
 */
export async function reportRuns(db: Queryable): Promise<RunRecord[]> {
  const runs = await db.query<RunRow>(
    `SELECT id, issue_number, status, error, ${ms('created_at')} AS created_ms, ${ms('started_at')} AS started_ms,
            ${ms('finished_at')} AS finished_ms FROM runs ORDER BY created_at`,
  );
  const steps = await db.query<StepRow>(
    `SELECT id, run_id, node, status, ${ms('started_at')} AS started_ms, ${ms('finished_at')} AS finished_ms
     FROM steps ORDER BY id`,
  );
  const commands = await db.query<CommandRow>(
    `SELECT run_id, step_id, (data->>'durationMs')::float8 AS duration_ms FROM events WHERE type = 'command'`,
  );
  const events = await db.query<{ run_id: string; n: string }>(
    'SELECT run_id, count(*) AS n FROM events GROUP BY run_id',
  );
  const checkpoints = await countByThread(
    db,
    'checkpoints',
    'octet_length(checkpoint::text) + octet_length(metadata::text)',
  );
  const writes = await countByThread(db, 'checkpoint_writes', 'octet_length(blob)');
  const blobs = await countByThread(db, 'checkpoint_blobs', 'coalesce(octet_length(blob), 0)');
  const eventCounts = new Map(events.rows.map((r) => [r.run_id, Number(r.n)]));

  return runs.rows.map((run) => {
    const checkpoint = emptyCheckpoint();
    [checkpoint.checkpoints, checkpoint.checkpointBytes] = checkpoints.get(run.id) ?? [0, 0];
    [checkpoint.writes, checkpoint.writeBytes] = writes.get(run.id) ?? [0, 0];
    [checkpoint.blobs, checkpoint.blobBytes] = blobs.get(run.id) ?? [0, 0];
    const runSteps: StepRecord[] = steps.rows
      .filter((s) => s.run_id === run.id)
      .map((s) => ({
        id: Number(s.id),
        node: s.node,
        status: s.status,
        startedMs: Number(s.started_ms),
        finishedMs: s.finished_ms === null ? null : Number(s.finished_ms),
      }));
    return {
      id: run.id,
      issueNumber: run.issue_number,
      status: run.status,
      error: run.error,
      createdMs: Number(run.created_ms),
      startedMs: run.started_ms === null ? null : Number(run.started_ms),
      finishedMs: run.finished_ms === null ? null : Number(run.finished_ms),
      steps: runSteps,
      commands: commands.rows
        .filter((c) => c.run_id === run.id)
        .map((c) => ({
          stepId: c.step_id === null ? null : Number(c.step_id),
          durationMs: Number(c.duration_ms ?? 0),
        })),
      eventRows: eventCounts.get(run.id) ?? 0,
      checkpoint,
    };
  });
}

/** Runs that reached a final status. */
export async function countTerminalRuns(db: Queryable): Promise<number> {
  const result = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM runs WHERE status IN ('succeeded', 'failed', 'cancelled', 'waiting_input')",
  );
  return Number(result.rows[0]?.n ?? 0);
}
