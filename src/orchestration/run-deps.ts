import type { McpConfigFile } from '../config/mcp-servers.js';
import type { Settings } from '../config/settings.js';
import type { BotIdentity } from '../github/app-auth.js';
import type { GitHubClient } from '../github/client.js';
import type { TokenScope } from '../github/token-scope.js';
import type { ClaudeClient } from '../integrations/anthropic/index.js';
import type { Sandbox } from '../integrations/sandbox/index.js';
import type { Logger } from '../monitoring/logger.js';
import type { Tracer } from '@opentelemetry/api';
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
  /** One span per graph node (and, through the Claude client, per model call). */
  tracer: Tracer;
  /** An installation client whose token reaches only `scope` (see STEP_PERMISSIONS). */
  github(installationId: number, scope: TokenScope): Promise<GitHubClient>;
  /** A short-lived installation token for git over HTTPS, narrowed like a client's. */
  gitToken(installationId: number, scope: TokenScope): Promise<string>;
  /** The app's bot identity: commit author, and author of the run's status comment. */
  botIdentity(): Promise<BotIdentity>;
  /** Per-run clones. */
  workspaces: Workspaces;
  /** Where agent, setup and test commands run (probed at worker start; refuses them when it cannot isolate). */
  sandbox: Sandbox;
  /** Code retrieval, when an index is configured. */
  codeSearch?: CodeSearch;
  /** The app's MCP servers (PIPELINE_MCP_CONFIG), when configured. */
  mcpConfig?: McpConfigFile;
};
