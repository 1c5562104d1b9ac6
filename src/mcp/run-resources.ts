import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolContext } from './tool-context.js';

const RunId = z.uuid();

/**
 * `pipeline://runs/{id}` (the run with its steps and cost, JSON), `pipeline://runs/{id}/plan` (its latest
 * plan, markdown) and `pipeline://runs/{id}/diff` (its pull request, a unified diff). A run the caller may not
 * see is "not found", as over the API.
 */
export function registerRunResources(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'run',
    new ResourceTemplate('pipeline://runs/{id}', { list: undefined }),
    {
      title: 'A pipeline run',
      description: 'The run, its steps and its cost (JSON)',
      mimeType: 'application/json',
    },
    async (uri, variables, extra) => {
      const api = ctx.apiFor(extra);
      const answer = await api.getRun(runIdOf(variables.id));
      if (!answer.ok) throw notFound(uri, answer.detail);
      return {
        contents: [
          { uri: uri.href, mimeType: 'application/json', text: JSON.stringify(answer.body, null, 2) },
        ],
      };
    },
  );

  server.registerResource(
    'run-plan',
    new ResourceTemplate('pipeline://runs/{id}/plan', { list: undefined }),
    {
      title: 'A run’s plan',
      description: 'The latest plan of the run (markdown)',
      mimeType: 'text/markdown',
    },
    async (uri, variables, extra) => {
      const id = runIdOf(variables.id);
      const answer = await ctx.apiFor(extra).getRun(id);
      if (!answer.ok) throw notFound(uri, answer.detail);
      const { plan } = answer.body;
      if (!plan) throw notFound(uri, `Run ${id} has no plan yet.`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: plan.markdown }] };
    },
  );

  server.registerResource(
    'run-diff',
    new ResourceTemplate('pipeline://runs/{id}/diff', { list: undefined }),
    {
      title: 'A run’s changes',
      description: 'The run’s pull request as a unified diff (cut at 1 MB, with a last line saying so)',
      mimeType: 'text/x-diff',
    },
    async (uri, variables, extra) => {
      const answer = await ctx.apiFor(extra).getRunDiff(runIdOf(variables.id));
      if (!answer.ok) throw notFound(uri, answer.detail);
      const { diff, truncated, bytes, pullRequest } = answer.body;
      // A diff tool skips text outside a hunk, so the note stays readable and the rest still applies.
      const text = truncated
        ? `${diff}\n(The diff of pull request #${pullRequest} is ${bytes} bytes; it was cut here.)\n`
        : diff;
      return { contents: [{ uri: uri.href, mimeType: 'text/x-diff', text }] };
    },
  );
}

function runIdOf(value: string | string[] | undefined): string {
  const parsed = RunId.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) throw new McpError(ErrorCode.InvalidParams, 'id: must be a run id (a UUID)');
  return parsed.data;
}

function notFound(uri: URL, detail: string): McpError {
  // -32002 is MCP's "resource not found".
  return new McpError(-32002, `${uri.href}: ${detail}`);
}
