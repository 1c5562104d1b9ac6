import type { Logger } from '../monitoring/logger.js';
import { createMemoryIssueLocks } from './memory-issue-lock.js';
import { createRedisIssueLocks } from './redis-issue-lock.js';
import type { IssueLocks } from './lock-types.js';

export type { IssueLocks, ReleaseLock } from './lock-types.js';

export interface CreateIssueLocksOptions {
  /** With it, locks hold across processes (Redis SET NX PX); without it, within this process only. */
  redisUrl?: string;
  /** Key prefix (default `pipeline`). */
  prefix?: string;
  logger: Logger;
}

export function createIssueLocks({ redisUrl, prefix, logger }: CreateIssueLocksOptions): IssueLocks {
  if (redisUrl)
    return createRedisIssueLocks({ redisUrl, keyPrefix: `${prefix ?? 'pipeline'}:issue-lock:`, logger });
  return createMemoryIssueLocks();
}

/** The lock key of an issue. */
export function issueLockKey(repoFullName: string, issueNumber: number): string {
  return `${repoFullName.toLowerCase()}#${issueNumber}`;
}
