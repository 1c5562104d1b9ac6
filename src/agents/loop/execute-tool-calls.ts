import type { ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages/messages.js';
import type { AgentTool, ToolContext, ToolInvocation } from '../tool.js';
import type { AgentToolCall } from './types.js';

/** Larger results are cut so one call cannot flood the context window. */
const MAX_RESULT_CHARS = 60_000;

export interface ToolRound {
  results: ToolResultBlockParam[];
  calls: Array<AgentToolCall & { id: string }>;
  finished: boolean;
  finishInput?: unknown;
}

function capped(content: string): string {
  if (content.length <= MAX_RESULT_CHARS) return content;
  return `${content.slice(0, MAX_RESULT_CHARS)}\n[output truncated: ${content.length - MAX_RESULT_CHARS} more characters]`;
}

async function invoke(
  use: ToolUseBlock,
  tools: ReadonlyMap<string, AgentTool>,
  ctx: ToolContext,
): Promise<ToolInvocation> {
  const tool = tools.get(use.name);
  if (tool) return tool.invoke(use.input, ctx);
  const content = `Unknown tool ${JSON.stringify(use.name)}. Available tools: ${[...tools.keys()].join(', ')}.`;
  return { content, isError: true, input: use.input, summary: `${use.name} (unknown tool)` };
}

/** What a call that was still running when the run was cancelled answers. */
function abandoned(use: ToolUseBlock): ToolInvocation {
  return {
    content: 'Stopped: the run was cancelled while this tool was running.',
    isError: true,
    input: use.input,
    summary: `${use.name} (stopped by cancel)`,
  };
}

/**
 * The call's outcome, or `abandoned` as soon as the signal fires: a tool that ignores the signal (or
 * waits on something that never answers) must not keep a cancelled run's job alive.
 */
function untilAborted(
  use: ToolUseBlock,
  running: Promise<ToolInvocation>,
  signal: AbortSignal | undefined,
): Promise<ToolInvocation> {
  if (!signal) return running;
  if (signal.aborted) return Promise.resolve(abandoned(use));
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(abandoned(use));
    signal.addEventListener('abort', onAbort, { once: true });
    running.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Runs the model's tool calls in order and answers each with a tool_result. A successful call of the
 * finishing tool ends the round; calls after it are not run. Once the signal fires the call in flight is
 * answered as stopped at once and no further call starts.
 */
export async function executeToolCalls(
  uses: readonly ToolUseBlock[],
  tools: ReadonlyMap<string, AgentTool>,
  ctx: ToolContext,
): Promise<ToolRound> {
  const round: ToolRound = { results: [], calls: [], finished: false };
  for (const use of uses) {
    if (ctx.signal?.aborted) break;
    const outcome = await untilAborted(use, invoke(use, tools, ctx), ctx.signal);
    round.calls.push({
      id: use.id,
      name: use.name,
      input: outcome.input,
      isError: outcome.isError,
      summary: outcome.summary,
    });
    round.results.push({
      type: 'tool_result',
      tool_use_id: use.id,
      content: capped(outcome.content),
      ...(outcome.isError ? { is_error: true } : {}),
    });
    if (!outcome.isError && tools.get(use.name)?.finishes) {
      return { ...round, finished: true, finishInput: outcome.input };
    }
  }
  return round;
}
