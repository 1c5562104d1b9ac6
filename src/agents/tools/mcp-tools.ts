import type { McpToolHandle } from '../../integrations/mcp/index.js';
import type { AgentTool } from '../tool.js';
import { untrusted } from '../untrusted.js';

const MAX_NAME = 64;

/**
 * The tools of the run's MCP servers as agent tools, named `<server>__<tool>` beside the built-in ones. What a
 * server answers reaches the model as untrusted text (like an issue body); a failure or timeout is an error
 * result the agent can work around, never the end of the run.
 */
export function mcpAgentTools(handles: readonly McpToolHandle[]): AgentTool[] {
  return handles.map((handle) => {
    const name = `${handle.server}__${handle.name}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, MAX_NAME);
    return {
      name,
      description: `${handle.description} (tool of the MCP server "${handle.server}")`.trim(),
      inputSchema: { ...handle.inputSchema, type: 'object' },
      finishes: false,
      async invoke(rawInput, ctx) {
        const input =
          typeof rawInput === 'object' && rawInput !== null && !Array.isArray(rawInput)
            ? (rawInput as Record<string, unknown>)
            : {};
        try {
          const result = await handle.call(input, ctx.signal);
          const content = untrusted(`MCP server ${handle.server}, tool ${handle.name}`, result.text);
          return {
            content,
            isError: result.isError,
            input,
            summary: `${name}${result.isError ? ' (failed)' : ''}`,
          };
        } catch (error) {
          const content = `${name} failed: ${error instanceof Error ? error.message : String(error)}`;
          return { content, isError: true, input, summary: `${name} (failed)` };
        }
      },
    };
  });
}
