import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { RunSchema } from '../../api/v1/schemas.js';
import type { ToolContext } from '../tool-context.js';
import { toolAnswer, toolError } from '../tool-results.js';
import { runIdInput } from './run-id.js';

/** `replan`: ask a run waiting for approval for a new plan with these changes. */
export function registerReplan(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'replan',
    {
      title: 'Ask for a new plan',
      description: 'Ask a run waiting for approval for a new plan, with the changes you want.',
      inputSchema: {
        run_id: runIdInput,
        changes: z.string().trim().min(1, 'changes must say what to change').max(20_000),
      },
      outputSchema: { run: RunSchema },
    },
    async ({ run_id, changes }, extra) => {
      const answer = await ctx.apiFor(extra).replan(run_id, changes);
      if (!answer.ok) return toolError(answer.status, answer.detail);
      return toolAnswer(answer.body, `Run ${run_id} is now ${answer.body.run.status}.`);
    },
  );
}
