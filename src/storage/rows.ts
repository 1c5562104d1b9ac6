import type { AuditEntry, Run, RunStatus, RunTrigger, Step, StepStatus } from './types.js';

/** pg returns int8 and numeric as strings; the schema keeps them far below 2^53. */
type Numeric = string | number;

export function num(value: Numeric): number {
  return typeof value === 'number' ? value : Number(value);
}

export function numOrNull(value: Numeric | null): number | null {
  return value === null ? null : num(value);
}

export interface RunRow {
  id: string;
  repo_full_name: string;
  installation_id: Numeric;
  issue_number: number;
  issue_title: string;
  trigger: RunTrigger;
  command: string | null;
  instructions: string | null;
  sender: string;
  delivery_id: string | null;
  status: RunStatus;
  current_node: string | null;
  status_comment_id: Numeric | null;
  pr_number: number | null;
  branch: string | null;
  error: string | null;
  attempt: number;
  input_tokens: Numeric;
  output_tokens: Numeric;
  cache_read_tokens: Numeric;
  cache_write_tokens: Numeric;
  cost_usd: Numeric;
  created_at: Date;
  started_at: Date | null;
  updated_at: Date;
  finished_at: Date | null;
  status_changed_at: Date;
}

export function toRun(row: RunRow): Run {
  return {
    id: row.id,
    repoFullName: row.repo_full_name,
    installationId: num(row.installation_id),
    issueNumber: row.issue_number,
    issueTitle: row.issue_title,
    trigger: row.trigger,
    command: row.command,
    instructions: row.instructions,
    sender: row.sender,
    deliveryId: row.delivery_id,
    status: row.status,
    currentNode: row.current_node,
    statusCommentId: numOrNull(row.status_comment_id),
    prNumber: row.pr_number,
    branch: row.branch,
    error: row.error,
    attempt: row.attempt,
    inputTokens: num(row.input_tokens),
    outputTokens: num(row.output_tokens),
    cacheReadTokens: num(row.cache_read_tokens),
    cacheWriteTokens: num(row.cache_write_tokens),
    costUsd: num(row.cost_usd),
    createdAt: row.created_at,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    statusChangedAt: row.status_changed_at,
  };
}

export interface StepRow {
  id: Numeric;
  run_id: string;
  node: string;
  attempt: number;
  status: StepStatus;
  started_at: Date;
  finished_at: Date | null;
  tokens: Numeric;
  cost_usd: Numeric;
  detail: unknown;
}

export function toStep(row: StepRow): Step {
  return {
    id: num(row.id),
    runId: row.run_id,
    node: row.node,
    attempt: row.attempt,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    tokens: num(row.tokens),
    costUsd: num(row.cost_usd),
    detail: row.detail,
  };
}

/** Parsed by `parseRunEvent` (run-events/). */
export interface EventRow {
  id: Numeric;
  run_id: string;
  step_id: Numeric | null;
  type: string;
  message: string;
  data: unknown;
  created_at: Date;
}

export interface AuditRow {
  id: Numeric;
  at: Date;
  actor: string;
  action: string;
  repo_full_name: string | null;
  issue_number: number | null;
  run_id: string | null;
  delivery_id: string | null;
  detail: unknown;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: num(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    repoFullName: row.repo_full_name,
    issueNumber: row.issue_number,
    runId: row.run_id,
    deliveryId: row.delivery_id,
    detail: row.detail,
  };
}

/** jsonb parameters: pg would send a JS array as a Postgres array, so always send JSON text. */
export function jsonParam(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
