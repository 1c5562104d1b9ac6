import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { EventPageSchema } from '../../api/v1/schemas.js';
import type { ToolContext } from '../tool-context.js';
import { toolAnswer, toolError } from '../tool-results.js';
import { runIdInput } from './run-id.js';

/** `get_run_log`: the run's timeline, oldest first, one line per event for the reader. */
export function registerGetRunLog(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_run_log',
    {
      title: 'Read a run’s log',
      description: 'A run’s events (its timeline), oldest first; page with after = the last id you read.',
      inputSchema: {
        run_id: runIdInput,
        after: z.number().int().min(0).default(0).describe('Events after this event id'),
        limit: z.number().int().min(1).max(1000).default(200),
      },
      outputSchema: EventPageSchema.shape,
      annotations: { readOnlyHint: true },
    },
    async ({ run_id, after, limit }, extra) => {
      const answer = await ctx.apiFor(extra).listEvents(run_id, after, limit);
      if (!answer.ok) return toolError(answer.status, answer.detail);
      const lines = answer.body.events.map((e) => `#${e.id} ${e.at} ${e.type}: ${e.message}`);
      return toolAnswer(answer.body, lines.join('\n') || 'No events.');
    },
  );
}
