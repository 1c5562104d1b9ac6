import { z } from 'zod';
import { defineTool, type AgentTool } from '../agents/tool.js';
import { createRunCommandTool } from '../agents/tools/run-command.js';
import type { RepoConfig } from '../config/repo-config.js';
import type { TokenUsage } from '../integrations/anthropic/index.js';
import type { AgentEvent, RunAgentResult } from '../agents/run-agent.js';
import { RunFailedError } from './errors.js';
import type { NodeContext } from './node-context.js';
import { untakenEvents } from './read-events.js';

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
      description:
        'Search the code index for code related to a description, identifier or path. Returns paths, line ranges and snippets.',
      input: z.object({ query: z.string().min(1), k: z.number().int().min(1).max(20).default(8) }),
      run: ({ query, k }) => search.search(repoFullName, query, k),
    }),
  ];
}

/** `run_command` in the sandbox of the workspace, with the repo's network and time settings. */
export function sandboxedCommandTool(ctx: NodeContext, dir: string, config: RepoConfig): AgentTool {
  return createRunCommandTool(async (command, opts) => {
    const result = await ctx.deps.sandbox.run({
      command,
      cwd: dir,
      timeoutMs: Math.min(config.test_timeout_seconds, 600) * 1000,
      outputCapBytes: 64 * 1024,
      allowNetwork: config.allow_network,
      signal: opts.signal ?? ctx.signal,
      logger: ctx.log,
    });
    await ctx.emit(
      'command',
      `ran \`${command}\` → ${result.timedOut ? 'timed out' : `exit ${result.exitCode}`}`,
      {
        command,
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        sandbox: result.sandbox,
        limits: result.limits,
        durationMs: result.durationMs,
      },
    );
    return result;
  });
}

/** Prompts past this many tokens get their older tool results summarised (see the agent loop). */
export const COMPACTION = { thresholdTokens: 120_000, keepRecent: 6 };

/**
 * The agent's finish input parsed with its schema, or the reason the run cannot go on: the budget was
 * reached, the worker is stopping, or the agent gave up.
 */
export function finishedWith<T>(
  ctx: NodeContext,
  result: RunAgentResult,
  schema: z.ZodType<T>,
  agent: string,
  limitUsd: number,
): T {
  if (result.stopReason === 'budget') {
    throw new RunFailedError(
      `The run reached its budget of $${limitUsd.toFixed(2)} (spent $${ctx.spentUsd().toFixed(2)}) during ${agent}. ` +
        'Raise `max_cost_usd` in `.github/pipeline.yml` to allow more.',
    );
  }
  if (result.stopReason === 'aborted')
    throw new Error(`${agent} was interrupted because the worker is stopping`);
  const parsed = schema.safeParse(result.finishInput);
  if (!parsed.success) {
    const why =
      result.stopReason === 'max_turns'
        ? 'it used all its turns'
        : 'it ended without calling its finish tool';
    throw new RunFailedError(
      `The ${agent} stopped before finishing: ${why}.${result.text ? ` Its last words: ${result.text.slice(0, 500)}` : ''}`,
    );
  }
  return parsed.data;
}

/**
 * Follow-up comments left on the issue that no agent has seen yet, for the agent loop's `pendingMessages`.
 * What was delivered is itself an event, so a comment reaches exactly one agent step, across nodes and crashes.
 */
export function followUps(ctx: NodeContext): () => Promise<string[]> {
  return async () => {
    const { events, upTo } = await untakenEvents(
      ctx.deps.db.pool,
      ctx.run.id,
      'follow_up',
      'follow_up_delivered',
    );
    if (upTo === undefined) return [];
    await ctx.emit('follow_up_delivered', `${events.length} comment(s) delivered to the agent`, { upTo });
    return events.map((e) => followUpText(e.data));
  };
}

function followUpText(data: unknown): string {
  const parsed = z.object({ author: z.string(), body: z.string() }).safeParse(data);
  return parsed.success ? `@${parsed.data.author} commented on the issue:\n${parsed.data.body}` : '';
}

/** Tool inputs kept on the run's timeline; file contents and edits are left out (they may hold anything). */
const TIMELINE_INPUT_KEYS = ['path', 'command', 'query', 'k', 'limit', 'startLine', 'endLine'];

/** Records an agent's progress on the run's timeline, without the contents it wrote. */
export function agentEventRecorder(ctx: NodeContext) {
  return (event: AgentEvent) => {
    if (event.type !== 'tool_call') return ctx.emit(`agent_${event.type}`, event.message, event.data);
    const { input, ...rest } = event.data;
    const kept =
      typeof input === 'object' && input !== null
        ? Object.fromEntries(Object.entries(input).filter(([key]) => TIMELINE_INPUT_KEYS.includes(key)))
        : {};
    return ctx.emit('agent_tool_call', event.message, { ...rest, input: kept });
  };
}
