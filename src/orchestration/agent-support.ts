import { z } from 'zod';
import { defineTool, type AgentTool } from '../agents/tool.js';
import { createRunCommandTool } from '../agents/tools/run-command.js';
import type { RepoConfig } from '../config/repo-config.js';
import { runSandboxed } from '../integrations/sandbox/index.js';
import type { TokenUsage } from '../integrations/anthropic/index.js';
import type { NodeContext } from './node-context.js';

/** The run's budget as the agent loop sees it: what the run has spent and its limit. */
export function agentBudget(ctx: NodeContext, limitUsd: number) {
  return { spentUsd: () => ctx.spentUsd(), limitUsd };
}

/** Records each model call of an agent on the run. */
export function agentUsageRecorder(ctx: NodeContext) {
  return (usage: TokenUsage, costUsd: number) => ctx.recordUsage(usage, costUsd);
}

/** `search_code` over the code index, when the app has one. */
export function searchCodeTools(ctx: NodeContext, repoFullName: string): AgentTool[] {
  const search = ctx.deps.codeSearch;
  if (!search) return [];
  return [
    defineTool({
      name: 'search_code',
      description: 'Search the code index for code related to a description, identifier or path. Returns paths, line ranges and snippets.',
      input: z.object({ query: z.string().min(1), k: z.number().int().min(1).max(20).default(8) }),
      run: ({ query, k }) => search.search(repoFullName, query, k),
    }),
  ];
}

/** `run_command` in the sandbox of the workspace, with the repo's network and time settings. */
export function sandboxedCommandTool(ctx: NodeContext, dir: string, config: RepoConfig): AgentTool {
  return createRunCommandTool(async (command, opts) => {
    const result = await runSandboxed({
      command,
      cwd: dir,
      timeoutMs: Math.min(config.test_timeout_seconds, 600) * 1000,
      outputCapBytes: 64 * 1024,
      allowNetwork: config.allow_network,
      signal: opts.signal ?? ctx.signal,
      logger: ctx.log,
    });
    await ctx.emit('command', `ran \`${command}\` → ${result.timedOut ? 'timed out' : `exit ${result.exitCode}`}`, {
      command,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      sandbox: result.sandbox,
      durationMs: result.durationMs,
    });
    return result;
  });
}
