/** One MCP server to start for a run, its secrets already resolved. */
export type McpLaunch = {
  name: string;
  timeoutMs: number;
  /** Only these tools (undefined: all), never the denied ones. */
  allow: readonly string[] | undefined;
  deny: readonly string[];
} & (
  | { kind: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { kind: 'http'; url: string; headers: Record<string, string> }
);

/** A tool of a connected server, callable with a timeout. */
export type McpToolHandle = {
  server: string;
  name: string;
  description: string;
  inputSchema: { type: 'object'; [key: string]: unknown };
  call(args: Record<string, unknown>, signal?: AbortSignal): Promise<{ text: string; isError: boolean }>;
};

/** A server that could not be used, and why, in a sentence. */
export type McpFailure = { server: string; reason: string };

export type McpConnections = {
  tools: McpToolHandle[];
  failures: McpFailure[];
  /** Stops every server (stdio processes end). */
  close(): Promise<void>;
};
