import type { QueueCounts } from '../../src/queue/index.js';

/**
 * The servers under test: a bare Probot app (the baseline), the bare app plus one durable PostgreSQL commit
 * per delivery (the floor for recording before answering), and the pipeline app with each storage backend.
 */
export const variants = ['bare', 'bare+commit', 'embedded', 'postgres+redis'] as const;

/** Variants that need a fresh PostgreSQL database (and Redis database) of their own. */
export const usesExternalServices = (variant: Variant): boolean =>
  variant === 'bare+commit' || variant === 'postgres+redis';
export type Variant = (typeof variants)[number];

/** What `serve.ts` prints, as one JSON line, once its server accepts deliveries. */
export interface ReadyInfo {
  url: string;
  webhookSecret: string;
  repoFullName: string;
  installationId: number;
  sender: string;
}

/** What `serve.ts` answers to a `stats` line: what the app recorded and queued. */
export interface ServerStats {
  runs: number;
  /** Delivery ids of all run rows (to check every acknowledged delivery has exactly one run). */
  runDeliveryIds: string[];
  webhookDeliveries: number;
  queue: QueueCounts;
  /** Requests the GitHub twin answered, by `<operationId> <status>` (permission, config, reactions…). */
  githubCalls: Record<string, number>;
}

/** The server process's own counters, read between phases. */
export interface ProcessUsage {
  /** User + system CPU time of the process so far, ms. */
  cpuMs: number;
  /** Event-loop utilization since the previous `usage` (0–1). */
  eventLoopUtilization: number;
  rssMiB: number;
}

/** A line `serve.ts` writes on stdout in answer to a command. */
export type ServeReply =
  | { ready: ReadyInfo }
  | { stats: ServerStats | null }
  | { issues: number }
  | { usage: ProcessUsage }
  | { error: string };

export function isVariant(value: string | undefined): value is Variant {
  return (variants as readonly string[]).includes(value ?? '');
}
