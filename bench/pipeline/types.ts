/** Shared shapes of the pipeline benchmark: what the app child reports and what the parent computes. */

export const backends = ['embedded', 'postgres+redis'] as const;
export type Backend = (typeof backends)[number];

/** One HTTP call the app made through `fetch`, timed in the app process (epoch ms, sub-ms precision). */
export interface CallRecord {
  kind: 'anthropic' | 'github' | 'other';
  method: string;
  path: string;
  /** The number in the `[BENCH-nnnn]` token of the request body (model calls), if any. */
  token: number | null;
  startMs: number;
  endMs: number;
  status: number;
}

export interface StepRecord {
  id: number;
  node: string;
  status: string;
  startedMs: number;
  finishedMs: number | null;
}

/** Rows LangGraph's PostgresSaver stored for one thread (= run id) and their size in bytes. */
export interface CheckpointStats {
  checkpoints: number;
  checkpointBytes: number;
  writes: number;
  writeBytes: number;
  blobs: number;
  blobBytes: number;
}

export interface RunRecord {
  id: string;
  issueNumber: number;
  status: string;
  error: string | null;
  createdMs: number;
  startedMs: number | null;
  finishedMs: number | null;
  steps: StepRecord[];
  /** `command` events (tests and agent commands): the step they ran in and how long the command took. */
  commands: Array<{ stepId: number | null; durationMs: number }>;
  eventRows: number;
  checkpoint: CheckpointStats;
}

export interface ProcessUsage {
  cpuMs: number;
  rssMiB: number;
}

/** Commands the parent writes to a child's stdin, one JSON object per line. */
export type ChildCommand =
  | { cmd: 'wait'; terminal: number; timeoutMs: number }
  | { cmd: 'report' }
  | { cmd: 'calls' }
  | { cmd: 'usage' };

/** Replies a child writes to stdout, one JSON object per line. */
export type ChildReply =
  | { ready: { url: string | null; pid: number } }
  | { waited: number; timedOut: boolean }
  | { report: RunRecord[] }
  | { calls: CallRecord[] }
  | { usage: ProcessUsage }
  | { error: string };
