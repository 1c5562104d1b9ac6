import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from '../monitoring/logger.js';
import { enableRunSubscriptions } from './resource-subscriptions.js';
import { registerRunResources } from './run-resources.js';
import type { ToolContext } from './tool-context.js';
import { registerGetRunLog } from './tools/get-run-log.js';
import { registerGetRun } from './tools/get-run.js';
import { registerListRuns } from './tools/list-runs.js';
import { registerStartRun } from './tools/start-run.js';
import { registerReplan } from './tools/replan.js';
import { registerSearchCode } from './tools/search-code.js';
import { registerSteerRun } from './tools/steer-run.js';
import { registerWaitForRun } from './tools/wait-for-run.js';

export const MCP_SERVER_NAME = 'agentic-dev-pipeline';

/**
 * The pipeline controller as an MCP server: tools that start, watch and steer runs, and a run's resources.
 * Everything goes through the HTTP API as the caller (`ctx.apiFor`), so the token's repositories and access
 * decide what a tool may do, exactly as over the API; nothing here runs an agent.
 */
export function createServer(ctx: ToolContext, logger: Logger, version = '0.1.0'): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version },
    {
      instructions:
        'Drives the Agentic Dev Pipeline: start_run on an issue, then wait_for_run (progress arrives as ' +
        'notifications) until it settles; approve_plan or replan a run waiting for approval; read ' +
        'pipeline://runs/{id}/plan for its plan.',
    },
  );
  registerStartRun(server, ctx);
  registerWaitForRun(server, ctx);
  registerGetRun(server, ctx);
  registerListRuns(server, ctx);
  registerSteerRun(server, ctx);
  registerReplan(server, ctx);
  registerGetRunLog(server, ctx);
  registerSearchCode(server, ctx);
  registerRunResources(server, ctx);
  enableRunSubscriptions(server, ctx, logger);
  return server;
}
