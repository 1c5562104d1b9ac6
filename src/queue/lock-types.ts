/** Releases the lock if this holder still owns it; calling it twice is harmless. */
export type ReleaseLock = () => Promise<void>;

/** Short-lived per-issue mutexes, so two workers never advance the same issue at once. */
export interface IssueLocks {
  /** The release function, or null when someone else holds the lock. The lock expires after `ttlMs`. */
  acquireIssueLock(key: string, ttlMs: number): Promise<ReleaseLock | null>;
  close(): Promise<void>;
}
