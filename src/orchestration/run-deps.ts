import type { Settings } from '../config/settings.js';
import type { GitHubClient } from '../github/client.js';
import type { ClaudeClient } from '../integrations/anthropic/index.js';
import type { Sandbox } from '../integrations/sandbox/index.js';
import type { Logger } from '../monitoring/logger.js';
import type { Metrics } from '../monitoring/metrics.js';
import type { EventBus } from '../queue/index.js';
import type { Database } from '../storage/index.js';
import type { CodeSearch } from './code-search.js';
import type { Workspaces } from './workspaces.js';

/** What the graph's nodes are given. Handles live here, never in the checkpointed state. */
export type RunDeps = {
  settings: Settings;
  db: Database;
  bus: EventBus;
  claude: ClaudeClient;
  logger: Logger;
  metrics: Metrics;
  /** Installation-authenticated Octokit for a run's repository. */
  github(installationId: number): Promise<GitHubClient>;
  /** A short-lived installation token for git over HTTPS. */
  gitToken(installationId: number): Promise<string>;
  /** The app's bot identity for commits. */
  botIdentity(): Promise<{ name: string; email: string }>;
  /** Per-run clones. */
  workspaces: Workspaces;
  /** Where agent, setup and test commands run (probed at worker start; refuses them when it cannot isolate). */
  sandbox: Sandbox;
  /** Code retrieval, when an index is configured. */
  codeSearch?: CodeSearch;
};
