import type pg from 'pg';

/** Anything that runs a query: the pool, or a client checked out of it (inside a transaction). */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** With `name`, a statement prepared once per connection: hot paths skip PostgreSQL's parse and plan. */
  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}

/** An open database: PostgreSQL from DATABASE_URL, or embedded PGlite served over a local socket. */
export interface Database {
  readonly pool: pg.Pool;
  readonly kind: 'postgres' | 'pglite';
  /** Connection string of the same database. For PGlite only one connection is accepted: share `pool`. */
  readonly connectionString: string;
  close(): Promise<void>;
}

export const RunStatuses = [
  'queued',
  'running',
  'waiting_approval',
  'waiting_input',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type RunStatus = (typeof RunStatuses)[number];

/** Statuses in which a run holds its issue: at most one run per issue may be in one of these. */
export const ActiveRunStatuses = ['queued', 'running', 'waiting_approval', 'waiting_input'] as const;
export type ActiveRunStatus = (typeof ActiveRunStatuses)[number];

/** Statuses a run never leaves by itself; `finished_at` is set when one is reached. */
export const FinishedRunStatuses = ['succeeded', 'failed', 'cancelled'] as const;

export const RunTriggers = ['label', 'comment', 'review', 'merge', 'api'] as const;
export type RunTrigger = (typeof RunTriggers)[number];

export interface Run {
  id: string;
  repoFullName: string;
  installationId: number;
  issueNumber: number;
  issueTitle: string;
  trigger: RunTrigger;
  command: string | null;
  instructions: string | null;
  sender: string;
  deliveryId: string | null;
  status: RunStatus;
  currentNode: string | null;
  statusCommentId: number | null;
  prNumber: number | null;
  branch: string | null;
  error: string | null;
  attempt: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  createdAt: Date;
  startedAt: Date | null;
  updatedAt: Date;
  finishedAt: Date | null;
  /** When `status` last changed: what a steering command is checked against (see `steerRun`). */
  statusChangedAt: Date;
}

export interface NewRun {
  repoFullName: string;
  installationId: number;
  issueNumber: number;
  issueTitle?: string;
  trigger: RunTrigger;
  command?: string | null;
  instructions?: string | null;
  sender: string;
  deliveryId?: string | null;
  /** Defaults to `queued`; must be an active status. */
  status?: ActiveRunStatus;
}

/** Fields a run may change outside a status transition (use `applyTransition` for `status`). */
export type RunPatch = Partial<
  Pick<
    Run,
    | 'issueTitle'
    | 'command'
    | 'instructions'
    | 'currentNode'
    | 'statusCommentId'
    | 'prNumber'
    | 'branch'
    | 'error'
    | 'attempt'
  >
>;

/**
 * Tokens of one model call or a sum of calls; cache reads and writes are billed apart from plain input.
 * The one usage type of the code base: defined here, the lowest layer that stores it.
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Who made a model call: the agent (`intake`, `planning`, `development`, `testing`, …) and the model it used. */
export interface UsageSource {
  agent: string;
  model: string;
}

/** A run's usage and cost by one agent with one model. */
export interface RunUsage extends UsageSource, TokenUsage {
  /** Model calls made. */
  calls: number;
  costUsd: number;
}

export const StepStatuses = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type StepStatus = (typeof StepStatuses)[number];

export interface Step {
  id: number;
  runId: string;
  node: string;
  attempt: number;
  status: StepStatus;
  startedAt: Date;
  finishedAt: Date | null;
  tokens: number;
  costUsd: number;
  detail: unknown;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  repoFullName: string | null;
  issueNumber: number | null;
  runId: string | null;
  deliveryId: string | null;
  detail: unknown;
}
