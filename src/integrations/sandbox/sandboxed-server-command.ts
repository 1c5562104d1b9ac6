import { buildBwrapArgs } from './build-bwrap-args.js';

/** Where HOME is inside the sandbox of a long-running server (on its private /tmp). */
export const SANDBOXED_SERVER_HOME = '/tmp/home';

/**
 * The argv that starts a long-running program (a repository's MCP server) under bubblewrap like the agents'
 * commands: read-only system, the workspace writable, private /tmp, no network unless `allowNetwork`, and the
 * process killed with its parent.
 */
export function sandboxedServerCommand(input: {
  bwrapPath: string;
  workspace: string;
  allowNetwork: boolean;
  command: string;
  args: readonly string[];
}): { command: string; args: string[] } {
  const bwrap = buildBwrapArgs({
    workspace: input.workspace,
    allowNetwork: input.allowNetwork,
    home: SANDBOXED_SERVER_HOME,
  });
  return { command: input.bwrapPath, args: [...bwrap, '--', input.command, ...input.args] };
}
