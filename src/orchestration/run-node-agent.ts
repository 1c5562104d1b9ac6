import type { AgentDefinition } from '../agents/definition.js';
import type { AgentTool } from '../agents/tool.js';
import { runAgent, type AgentEvent, type RunAgentResult } from '../agents/run-agent.js';
import { modelFor, type RepoConfig } from '../config/repo-config.js';
import { RunFailedError } from './errors.js';
import type { NodeContext } from './node-context.js';
import { openMcpTools } from './open-mcp-tools.js';
import { untakenEvents } from './read-events.js';

/** Prompts past this many tokens get their older tool results summarised (see the agent loop). */
const COMPACTION = { thresholdTokens: 120_000, keepRecent: 6 };

export interface NodeAgentOptions {
  /**
   * Runs after the loop and before its finish is judged (e.g. the development node reports a refused path
   * first, since an agent that gave up over it would otherwise be reported as "stopped before finishing").
   */
  afterLoop?: (result: RunAgentResult) => Promise<void>;
  /**
   * The run's clone: the MCP servers configured for the agent's role (app and repository) start for this
   * agent, in the clone's sandbox, and stop when it is done. Without it the agent gets no MCP tools.
   */
  mcpWorkspaceDir?: string;
}

/**
 * Runs an agent for a node: the repo's model for its role, the run's budget, usage and progress recorded on
 * the run, follow-up comments delivered as they arrive, and the tools of the MCP servers its role is offered.
 * Returns the finish input, parsed, or throws the reason the run cannot go on (budget, worker stopping, agent
 * gave up).
 */
export async function runNodeAgent<T>(
  ctx: NodeContext,
  config: RepoConfig,
  definition: AgentDefinition<T>,
  options: NodeAgentOptions = {},
): Promise<{ finished: T; result: RunAgentResult }> {
  const limitUsd = config.max_cost_usd;
  const mcp =
    options.mcpWorkspaceDir === undefined
      ? undefined
      : await openMcpTools(ctx, definition.role, {
          servers: config.mcp_servers,
          workspaceDir: options.mcpWorkspaceDir,
        });
  try {
    const result = await runAgent({
      client: ctx.deps.claude,
      model: modelFor(config, definition.role, ctx.deps.settings.PIPELINE_MODEL),
      system: definition.system,
      tools: withMcpTools(definition.tools, mcp?.tools ?? []),
      userMessage: definition.userMessage,
      maxTurns: definition.maxTurns,
      compaction: COMPACTION,
      pendingMessages: followUps(ctx),
      budget: { spentUsd: () => ctx.spentUsd(), limitUsd },
      signal: ctx.signal,
      onUsage: (usage, costUsd, model) => ctx.recordUsage(usage, costUsd, { agent: definition.role, model }),
      onEvent: eventRecorder(ctx),
    });
    await options.afterLoop?.(result);
    return { finished: finishedWith(ctx, result, definition, limitUsd), result };
  } finally {
    // The step's MCP servers stop with its agent, whatever ended it.
    await mcp?.close();
  }
}

/** MCP tools after the built-in ones and before the finish tool, so the tool list keeps one order per agent. */
function withMcpTools(tools: AgentTool[], mcpTools: AgentTool[]): AgentTool[] {
  if (mcpTools.length === 0) return tools;
  return [...tools.filter((t) => !t.finishes), ...mcpTools, ...tools.filter((t) => t.finishes)];
}

/** The finish input parsed with the agent's schema, or the reason the run cannot go on. */
function finishedWith<T>(
  ctx: NodeContext,
  result: RunAgentResult,
  definition: AgentDefinition<T>,
  limitUsd: number,
): T {
  const agent = definition.name;
  if (result.stopReason === 'budget') {
    throw new RunFailedError(
      `The run reached its budget of $${limitUsd.toFixed(2)} (spent $${ctx.spentUsd().toFixed(2)}) during ${agent}. ` +
        'Raise `max_cost_usd` in `.github/pipeline.yml` to allow more.',
    );
  }
  if (result.stopReason === 'aborted')
    throw new Error(`${agent} was interrupted because the worker is stopping`);
  const parsed = definition.finishSchema.safeParse(result.finishInput);
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
function followUps(ctx: NodeContext): () => Promise<string[]> {
  return async () => {
    const { events, upTo } = await untakenEvents(
      ctx.deps.db.pool,
      ctx.run.id,
      'follow_up',
      'follow_up_delivered',
    );
    if (upTo === undefined) return [];
    await ctx.emit('follow_up_delivered', `${events.length} comment(s) delivered to the agent`, { upTo });
    return events.map((e) => `@${e.data.author} commented on the issue:\n${e.data.body}`);
  };
}

/** Tool inputs kept on the run's timeline; file contents and edits are left out (they may hold anything). */
const TIMELINE_INPUT_KEYS = ['path', 'command', 'query', 'k', 'limit', 'startLine', 'endLine'];

/** Records an agent's progress on the run's timeline, without the contents it wrote. */
function eventRecorder(ctx: NodeContext) {
  return (event: AgentEvent) => {
    switch (event.type) {
      case 'model_call':
        return ctx.emit('agent_model_call', event.message, event.data);
      case 'model_reply':
        return ctx.emit('agent_model_reply', event.message, event.data);
      case 'compacted':
        return ctx.emit('agent_compacted', event.message, event.data);
      case 'diagnosis_requested':
        return ctx.emit('agent_diagnosis_requested', event.message, event.data);
      case 'user_messages':
        return ctx.emit('agent_user_messages', event.message, event.data);
      case 'stopped':
        return ctx.emit('agent_stopped', event.message, event.data);
      case 'tool_call': {
        const { input, ...rest } = event.data;
        const kept =
          typeof input === 'object' && input !== null
            ? Object.fromEntries(Object.entries(input).filter(([key]) => TIMELINE_INPUT_KEYS.includes(key)))
            : {};
        return ctx.emit('agent_tool_call', event.message, { ...rest, input: kept });
      }
    }
  };
}
