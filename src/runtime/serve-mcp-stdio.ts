import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Settings } from '../config/settings.js';
import { createServer } from '../mcp/create-server.js';
import { createPipelineApi } from '../mcp/pipeline-api.js';
import type { Logger } from '../monitoring/logger.js';

const POLL_MS = 1_000;

/**
 * The controller over stdio for a client on this machine (Claude Code): it drives the app at PIPELINE_API_URL
 * with PIPELINE_API_TOKEN through the HTTP API. Resolves when the client closes the connection.
 */
export async function serveMcpStdio(settings: Settings, logger: Logger): Promise<void> {
  if (!settings.PIPELINE_API_URL) {
    throw new Error(
      'PIPELINE_API_URL is not set: give the URL of the running app, e.g. http://localhost:3000',
    );
  }
  const api = createPipelineApi({ baseUrl: settings.PIPELINE_API_URL, token: settings.PIPELINE_API_TOKEN });
  const server = createServer({ apiFor: () => api, pollMs: POLL_MS }, logger);
  const transport = new StdioServerTransport();
  // The client going away ends stdin; the transport does not notice that by itself.
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  logger.info({ api: settings.PIPELINE_API_URL }, 'MCP server on stdio');
  await closed;
  await server.close();
}
