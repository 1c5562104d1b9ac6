import { mcpAgentTools } from '../agents/tools/mcp-tools.js';
import type { AgentTool } from '../agents/tool.js';
import { SECRET_REFERENCE, type McpAgentRoles, type McpServerConfig } from '../config/mcp-servers.js';
import { pickEnv } from '../config/pick-env.js';
import { connectMcpServers, type McpLaunch } from '../integrations/mcp/index.js';
import type { NodeContext } from './node-context.js';

type Role = (typeof McpAgentRoles)[number];

/**
 * Starts the MCP servers an agent of `role` is offered for this step, and hands back their tools and a `close`
 * that stops them. Each server that fails is an `mcp_server_failed` event and the step goes on without it.
 */
export async function openMcpTools(
  ctx: NodeContext,
  role: Role,
): Promise<{ tools: AgentTool[]; close(): Promise<void> }> {
  const servers = Object.entries(ctx.deps.mcpConfig?.servers ?? {}).filter(([, s]) =>
    s.agents.includes(role),
  );
  if (servers.length === 0) return { tools: [], close: async () => undefined };
  const launches = servers.map(([name, server]) => launchFor(name, server));
  const connections = await connectMcpServers(launches, ctx.log);
  for (const failure of connections.failures) {
    await ctx.emit(
      'mcp_server_failed',
      `MCP server ${failure.server} is not used: ${failure.reason}`,
      failure,
    );
  }
  const tools = mcpAgentTools(connections.tools);
  const connected = launches
    .filter((l) => !connections.failures.some((f) => f.server === l.name))
    .map((l) => ({
      server: l.name,
      tools: tools.map((t) => t.name).filter((t) => t.startsWith(`${l.name}__`)),
    }));
  if (connected.length > 0) {
    await ctx.emit(
      'mcp_connected',
      `MCP tools offered to the ${role} agent: ${connected.flatMap((c) => c.tools).join(', ') || 'none'}`,
      { servers: connected },
    );
  }
  return { tools, close: () => connections.close() };
}

/** The app's server with its `${NAME}` references taken from the app's environment. */
function launchFor(name: string, server: McpServerConfig): McpLaunch {
  const common = {
    name,
    timeoutMs: server.timeout_seconds * 1000,
    allow: server.allow,
    deny: server.deny,
  };
  if ('url' in server) return { ...common, kind: 'http', url: server.url, headers: resolved(server.headers) };
  return { ...common, kind: 'stdio', command: server.command, args: server.args, env: resolved(server.env) };
}

function resolved(values: Record<string, string>): Record<string, string> {
  const names = Object.values(values).flatMap((v) =>
    [...v.matchAll(SECRET_REFERENCE)].map((m) => m[1] ?? ''),
  );
  const env = pickEnv(names);
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      value.replace(SECRET_REFERENCE, (_, ref: string) => env[ref] ?? ''),
    ]),
  );
}
