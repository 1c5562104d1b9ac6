export { connectMcpServers } from './connect-mcp-servers.js';
export type { McpConnections, McpFailure, McpLaunch, McpToolHandle } from './types.js';
