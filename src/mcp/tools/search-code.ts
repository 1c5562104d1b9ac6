import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MAX_SEARCH_HITS } from '../../api/v1/routes/search-code.js';
import { CodeSearchSchema } from '../../api/v1/schemas.js';
import type { ToolContext } from '../tool-context.js';
import { toolAnswer, toolError } from '../tool-results.js';

/** `search_code`: the code index the agents search, for the client's own questions about a repository. */
export function registerSearchCode(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'search_code',
    {
      title: 'Search a repository’s code',
      description:
        'Finds the files of a repository most relevant to a query (issue text, identifiers, file names or a ' +
        'stack trace), best first, with the line range and text of the best-matching part of each.',
      inputSchema: {
        repo: z
          .string()
          .regex(/^(?!\.{1,2}\/)[A-Za-z0-9._-]+\/(?!\.{1,2}$)[A-Za-z0-9._-]+$/, 'repo must be owner/name')
          .describe('owner/name'),
        query: z.string().trim().min(1, 'query must not be empty').max(8000).describe('What to look for'),
        k: z.number().int().min(1).max(MAX_SEARCH_HITS).default(8).describe('How many files to return'),
      },
      outputSchema: CodeSearchSchema.shape,
      annotations: { readOnlyHint: true },
    },
    async ({ repo, query, k }, extra) => {
      const answer = await ctx.apiFor(extra).searchCode(repo, query, k);
      if (!answer.ok) return toolError(answer.status, answer.detail);
      const lines = answer.body.hits.map(
        (h) => `${h.path}:${h.startLine}-${h.endLine} (${h.score.toFixed(3)})`,
      );
      return toolAnswer(answer.body, lines.join('\n') || `Nothing in ${repo} matched.`);
    },
  );
}
