import type { AgentDefinition } from '../agents/definition.js';
import { mcpAgentTools } from '../agents/tools/mcp-tools.js';
import type { AgentTool } from '../agents/tool.js';
import { SECRET_REFERENCE, type McpServerConfig } from '../config/mcp-servers.js';
import { pickEnv } from '../config/pick-env.js';
import type { RepoConfig } from '../config/repo-config.js';
import { connectMcpServers, type McpFailure, type McpLaunch } from '../integrations/mcp/index.js';
import { SANDBOXED_SERVER_HOME, sandboxedServerCommand } from '../integrations/sandbox/index.js';
import type { NodeContext } from './node-context.js';

type Role = AgentDefinition<unknown>['role'];
type RepoServer = RepoConfig['mcp_servers'][string];

/**
 * Starts the MCP servers an agent of `role` is offered for this step — the app's (PIPELINE_MCP_CONFIG) and the
 * repository's (`mcp_servers`, read from its default branch, run in the sandbox inside `workspaceDir`) — and
 * hands back their tools and a `close` that stops them. Each server that fails is an `mcp_server_failed` event
 * and the step goes on without it. Nodes reach it through `runNodeAgent`, which closes what it opened.
 */
export async function openMcpTools(
  ctx: NodeContext,
  role: Role,
  repo: { servers: RepoConfig['mcp_servers']; workspaceDir: string },
): Promise<{ tools: AgentTool[]; close(): Promise<void> }> {
  const appConfig = ctx.deps.mcpConfig;
  const offered = (server: { agents: readonly string[] }) => server.agents.includes(role);
  const appServers = Object.entries(appConfig?.servers ?? {}).filter(([, s]) => offered(s));
  // The app's server wins a name both define: a repository cannot stand in for it.
  const repoServers = Object.entries(repo.servers).filter(
    ([name, s]) => offered(s) && !appConfig?.servers[name],
  );
  if (appServers.length + repoServers.length === 0) return { tools: [], close: async () => undefined };

  const refused: McpFailure[] = [];
  const launches = appServers.map(([name, server]) => appLaunchFor(name, server));
  for (const [name, server] of repoServers) {
    const launch = repoLaunchFor(ctx, name, server, repo.workspaceDir);
    if ('reason' in launch) refused.push(launch);
    else launches.push(launch);
  }
  const connections = await connectMcpServers(launches, ctx.log);
  const failures = [...refused, ...connections.failures];
  for (const failure of failures) {
    await ctx.emit(
      'mcp_server_failed',
      `MCP server ${failure.server} is not used: ${failure.reason}`,
      failure,
    );
  }
  const tools = mcpAgentTools(connections.tools);
  const connected = launches
    .filter((l) => !failures.some((f) => f.server === l.name))
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
function appLaunchFor(name: string, server: McpServerConfig): McpLaunch {
  const common = { name, timeoutMs: server.timeout_seconds * 1000, allow: server.allow, deny: server.deny };
  if ('url' in server) return { ...common, kind: 'http', url: server.url, headers: resolved(server.headers) };
  return { ...common, kind: 'stdio', command: server.command, args: server.args, env: resolved(server.env) };
}

/**
 * A repository's server: `${NAME}` only for what the app lets repositories have (`repo_env`), started under the
 * sandbox in the run's clone, with no network unless the app allows it (`repo_network`).
 */
function repoLaunchFor(
  ctx: NodeContext,
  name: string,
  server: RepoServer,
  workspaceDir: string,
): McpLaunch | McpFailure {
  const allowedRefs = new Set(ctx.deps.mcpConfig?.repo_env ?? []);
  const notAllowed = referencesIn(server.env).filter((ref) => !allowedRefs.has(ref));
  if (notAllowed.length > 0) {
    return {
      server: name,
      reason:
        `it references \${${notAllowed.join('}, ${')}}, which the app does not give to repositories ` +
        '(`repo_env` of PIPELINE_MCP_CONFIG)',
    };
  }
  const status = ctx.deps.sandbox.status;
  if (status.state === 'unavailable')
    return { server: name, reason: `the sandbox is unavailable: ${status.reason}` };
  const argv =
    status.state === 'isolated'
      ? sandboxedServerCommand({
          bwrapPath: ctx.deps.settings.PIPELINE_BWRAP_PATH,
          workspace: workspaceDir,
          allowNetwork: ctx.deps.mcpConfig?.repo_network ?? false,
          command: server.command,
          args: server.args,
        })
      : { command: server.command, args: server.args };
  return {
    name,
    kind: 'stdio',
    ...argv,
    env: { ...resolved(server.env), HOME: SANDBOXED_SERVER_HOME },
    cwd: workspaceDir,
    timeoutMs: server.timeout_seconds * 1000,
    allow: server.allow,
    deny: server.deny,
  };
}

const referencesIn = (values: Record<string, string>) =>
  Object.values(values).flatMap((v) => [...v.matchAll(SECRET_REFERENCE)].map((m) => m[1] ?? ''));

/** `${NAME}` replaced by the app's variable NAME (empty when unset). */
function resolved(values: Record<string, string>): Record<string, string> {
  const env = pickEnv(referencesIn(values));
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      value.replace(SECRET_REFERENCE, (_, ref: string) => env[ref] ?? ''),
    ]),
  );
}
