import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RunSchema } from '../../api/v1/schemas.js';
import type { RunCommand } from '../pipeline-api.js';
import type { ToolContext } from '../tool-context.js';
import { toolAnswer, toolError } from '../tool-results.js';
import { runIdInput } from './run-id.js';

const steeringTools: { name: string; command: RunCommand; title: string; description: string }[] = [
  {
    name: 'approve_plan',
    command: 'approve',
    title: 'Approve the plan',
    description: 'Approve the plan of a run waiting for approval; development starts.',
  },
  {
    name: 'cancel_run',
    command: 'cancel',
    title: 'Cancel a run',
    description: 'Stop an active run now (a running command is killed); its branch and pull request stay.',
  },
  {
    name: 'retry_run',
    command: 'retry',
    title: 'Retry a run',
    description: 'Restart a failed or cancelled run from its last good step.',
  },
];

/** `approve_plan`, `cancel_run`, `retry_run`: the `/pipeline` commands, with the token's right to steer. */
export function registerSteerRun(server: McpServer, ctx: ToolContext): void {
  for (const tool of steeringTools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: { run_id: runIdInput },
        outputSchema: { run: RunSchema },
        annotations: { destructiveHint: tool.command === 'cancel', idempotentHint: false },
      },
      async ({ run_id }, extra) => {
        const answer = await ctx.apiFor(extra).command(run_id, tool.command);
        if (!answer.ok) return toolError(answer.status, answer.detail);
        return toolAnswer(answer.body, `Run ${run_id} is now ${answer.body.run.status}.`);
      },
    );
  }
}
