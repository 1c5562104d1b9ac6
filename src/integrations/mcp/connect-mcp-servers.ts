import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../monitoring/logger.js';
import type { McpConnections, McpFailure, McpLaunch, McpToolHandle } from './types.js';

/**
 * Starts (stdio) or reaches (HTTP) each server, lists its tools within the server's timeout, and keeps the
 * allowed ones. A server that fails to start, answer or list in time is closed and reported as a failure; the
 * others are used. Results are text for the model; what a server says is its own, untrusted.
 */
export async function connectMcpServers(
  launches: readonly McpLaunch[],
  logger: Logger,
): Promise<McpConnections> {
  const clients: Client[] = [];
  const failures: McpFailure[] = [];
  const tools: McpToolHandle[] = [];
  await Promise.all(
    launches.map(async (launch) => {
      const client = new Client({ name: 'agentic-dev-pipeline', version: '0.1.0' });
      try {
        const listed = await withTimeout(
          launch.timeoutMs,
          `did not start and list its tools within ${launch.timeoutMs / 1000} s`,
          async () => {
            await client.connect(transportFor(launch, logger), { timeout: launch.timeoutMs });
            return client.listTools(undefined, { timeout: launch.timeoutMs });
          },
        );
        clients.push(client);
        for (const tool of listed.tools.filter((t) => offered(launch, t)))
          tools.push(handleFor(launch, client, tool));
      } catch (error) {
        await client.close().catch(() => undefined);
        failures.push({
          server: launch.name,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }),
  );
  return {
    tools,
    failures,
    async close() {
      await Promise.all(
        clients.map((c) =>
          c.close().catch((err: unknown) => logger.warn({ err }, 'MCP server did not close')),
        ),
      );
    },
  };
}

function transportFor(launch: McpLaunch, logger: Logger) {
  if (launch.kind === 'http') {
    return new StreamableHTTPClientTransport(new URL(launch.url), {
      requestInit: { headers: launch.headers },
    });
  }
  const transport = new StdioClientTransport({
    command: launch.command,
    args: launch.args,
    env: launch.env,
    cwd: launch.cwd,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) =>
    logger.debug({ server: launch.name, stderr: chunk.toString('utf8').slice(0, 2000) }, 'MCP server stderr'),
  );
  return transport;
}

function offered(launch: McpLaunch, tool: Tool): boolean {
  if (launch.deny.includes(tool.name)) return false;
  return launch.allow === undefined || launch.allow.includes(tool.name);
}

function handleFor(launch: McpLaunch, client: Client, tool: Tool): McpToolHandle {
  return {
    server: launch.name,
    name: tool.name,
    description: tool.description ?? '',
    inputSchema: tool.inputSchema,
    async call(args, signal) {
      const result = (await client.callTool({ name: tool.name, arguments: args }, undefined, {
        timeout: launch.timeoutMs,
        signal,
      })) as CallToolResult;
      const text = (result.content ?? [])
        .map((c) => (c.type === 'text' ? c.text : `[${c.type} content]`))
        .join('\n');
      return { text, isError: result.isError === true };
    },
  };
}

async function withTimeout<T>(ms: number, message: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
