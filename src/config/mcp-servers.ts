import { z } from 'zod';

/** Agents that may be offered a server's tools. */
export const McpAgentRoles = ['planning', 'development', 'testing'] as const;

/** A server's name prefixes its tools (`<server>__<tool>`). */
const serverName = z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, 'letters, digits, `_` and `-`, at most 24');

const toolChoice = {
  /** Only these tools of the server are offered (default: all). */
  allow: z.array(z.string().min(1)).optional(),
  /** These tools are never offered. */
  deny: z.array(z.string().min(1)).default([]),
  /** Which agents are offered the server's tools. */
  agents: z.array(z.enum(McpAgentRoles)).min(1).default(['development']),
  /** Seconds to start and list tools, and for each call. */
  timeout_seconds: z.number().int().min(1).max(600).default(30),
};

/** `${NAME}` in a value: taken from the app's environment when the server starts. */
export const SECRET_REFERENCE = /\$\{([A-Z_][A-Z0-9_]*)\}/g;

const stdioServer = z
  .object({
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    /** The server's whole environment (nothing else of the app's is passed); values may hold `${NAME}`. */
    env: z.record(z.string(), z.string()).default({}),
    ...toolChoice,
  })
  .strict();

const httpServer = z
  .object({
    /** A Streamable HTTP MCP endpoint. */
    url: z.url(),
    /** Sent with every request; values may hold `${NAME}`. */
    headers: z.record(z.string(), z.string()).default({}),
    ...toolChoice,
  })
  .strict();

export type McpStdioServer = z.infer<typeof stdioServer>;
export type McpHttpServer = z.infer<typeof httpServer>;
export type McpServerConfig = McpStdioServer | McpHttpServer;

/** `mcp_servers` of `.github/pipeline.yml`: stdio servers only, run in the sandbox inside the run's clone. */
export const repoMcpServersSchema = z.record(serverName, stdioServer);

/**
 * The file named by `PIPELINE_MCP_CONFIG` (JSON): the app's own servers, and which of the app's environment
 * variables a repository's servers may reference as `${NAME}` (none unless listed here).
 */
export const mcpConfigFileSchema = z
  .object({
    servers: z.record(serverName, z.union([stdioServer, httpServer])).default({}),
    /** App environment variables a repository's `mcp_servers` may name in `${NAME}`. */
    repo_env: z.array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/)).default([]),
    /** Give a repository's stdio servers the network (off: they run with none). */
    repo_network: z.boolean().default(false),
  })
  .strict();
export type McpConfigFile = z.infer<typeof mcpConfigFileSchema>;

/** Parses the `PIPELINE_MCP_CONFIG` file's text, naming the bad key. */
export function parseMcpConfigFile(text: string, file: string): McpConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`PIPELINE_MCP_CONFIG: ${file} is not JSON`);
  }
  const parsed = mcpConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`PIPELINE_MCP_CONFIG: ${file}: ${issues}`);
  }
  return parsed.data;
}
