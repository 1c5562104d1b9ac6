import type { ReadyInfo, ServerStats } from './types.js';

/** A server under test, as `serve.ts` drives it. */
export interface RunningServer {
  ready: ReadyInfo;
  /** Null for the bare app, which stores nothing. */
  stats(): Promise<ServerStats | null>;
  /** Makes sure issues 1..count exist on the GitHub twin, so the app's 👀 reactions land; resolves with the count. */
  ensureIssues(count: number): Promise<number>;
  close(): Promise<void>;
}
