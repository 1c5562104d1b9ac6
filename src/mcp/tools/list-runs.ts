import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { RunListSchema } from '../../api/v1/schemas.js';
import { RunStatuses } from '../../storage/index.js';
import type { ToolContext } from '../tool-context.js';
import { toolAnswer, toolError } from '../tool-results.js';

/** `list_runs`: runs the token may see, newest first. */
export function registerListRuns(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'list_runs',
    {
      title: 'List runs',
      description: 'Pipeline runs this token may see, newest first, optionally of one repository or status.',
      inputSchema: {
        repo: z
          .string()
          .regex(/^[^/\s]+\/[^/\s]+$/, 'repo must be owner/name')
          .optional()
          .describe('owner/name'),
        status: z.enum(RunStatuses).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        cursor: z.uuid().optional().describe('The nextCursor of the previous page'),
      },
      outputSchema: RunListSchema.shape,
      annotations: { readOnlyHint: true },
    },
    async (input, extra) => {
      const answer = await ctx.apiFor(extra).listRuns(input);
      if (!answer.ok) return toolError(answer.status, answer.detail);
      return toolAnswer(answer.body, `${answer.body.runs.length} run(s).`);
    },
  );
}
