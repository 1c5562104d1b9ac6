import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RunDetailSchema } from '../../api/v1/schemas.js';
import type { ToolContext } from '../tool-context.js';
import { toolAnswer, toolError } from '../tool-results.js';
import { runIdInput } from './run-id.js';

/** `get_run`: a run with its steps, cost, plan, pull request, check runs and deploys. */
export function registerGetRun(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_run',
    {
      title: 'Get a run',
      description:
        'A pipeline run: its status, current step, steps, tokens and cost per node, agent and model, its plan, pull request, check runs (with annotations) and deploys.',
      inputSchema: { run_id: runIdInput },
      outputSchema: RunDetailSchema.shape,
      annotations: { readOnlyHint: true },
    },
    async ({ run_id }, extra) => {
      const answer = await ctx.apiFor(extra).getRun(run_id);
      if (!answer.ok) return toolError(answer.status, answer.detail);
      const { run } = answer.body;
      return toolAnswer(answer.body, `Run ${run.id} on ${run.repo}#${run.issue} is ${run.status}.`);
    },
  );
}
