import { APIUserAbortError } from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  MessageParam,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages/messages.js';
import {
  ZERO_USAGE,
  addTokenUsage,
  promptTokens,
  type CreateMessageResult,
} from '../integrations/anthropic/index.js';
import { systemBlocks, toolDefinitions, withConversationCacheMarker } from './loop/build-request.js';
import { compactHistory } from './loop/compact-history.js';
import { executeToolCalls } from './loop/execute-tool-calls.js';
import { FAILURE_STREAK_LIMIT, FailureStreaks, diagnosisNote } from './loop/failure-streaks.js';
import type { AgentEvent, AgentStopReason, RunAgentOptions, RunAgentResult } from './loop/types.js';
import { CUT_OFF_NOTE, pendingMessageBlocks } from './loop/user-notes.js';

export type * from './loop/types.js';

const DEFAULT_MAX_TOKENS = 8192;
const DEFAULT_KEEP_RECENT = 4;

/**
 * The tool-use loop: system + tools (prompt-cached), the model's tool calls run in order and answered,
 * until the finish tool is called, the model ends its turn, or a limit (turns, budget, abort) is hit.
 * Model errors (e.g. ModelUnavailableError) propagate; running out of budget is returned as `budget`.
 */
export async function runAgent(options: RunAgentOptions): Promise<RunAgentResult> {
  const tools = new Map(options.tools.map((t) => [t.name, t]));
  const system = systemBlocks(options.system);
  const toolDefs = toolDefinitions(options.tools);
  const messages: MessageParam[] = [];
  const summaries = new Map<string, string>();
  const streaks = new FailureStreaks();
  const result: RunAgentResult = {
    stopReason: 'end_turn',
    text: '',
    usage: ZERO_USAGE,
    costUsd: 0,
    turns: 0,
    toolCalls: [],
  };
  let next: ContentBlockParam[] = [{ type: 'text', text: options.userMessage }];
  let lastPromptTokens = 0;

  const emit = async (event: AgentEvent) => options.onEvent?.(event);
  const drainPending = async () => {
    const comments = (await options.pendingMessages?.()) ?? [];
    if (comments.length > 0) {
      await emit({
        type: 'user_messages',
        message: `delivered ${comments.length} new comment(s)`,
        data: { count: comments.length },
      });
    }
    return pendingMessageBlocks(comments);
  };
  const stop = async (reason: AgentStopReason, finishInput?: unknown): Promise<RunAgentResult> => {
    result.stopReason = reason;
    if (finishInput !== undefined) result.finishInput = finishInput;
    await emit({
      type: 'stopped',
      message: `agent stopped: ${reason}`,
      data: { reason, turns: result.turns, costUsd: result.costUsd },
    });
    return result;
  };
  const overBudget = () => {
    const limit = options.budget?.limitUsd;
    return limit !== undefined && Math.max(options.budget?.spentUsd() ?? 0, result.costUsd) >= limit;
  };

  for (;;) {
    if (options.signal?.aborted) return stop('aborted');
    if (result.turns >= options.maxTurns) return stop('max_turns');
    if (overBudget()) return stop('budget');
    messages.push({ role: 'user', content: [...next, ...(await drainPending())] });
    await compactIfLarge();

    result.turns++;
    await emit({
      type: 'model_call',
      message: `model call ${result.turns}`,
      data: { turn: result.turns, promptMessages: messages.length },
    });
    const reply = await callModel();
    if (!reply) return stop('aborted');
    await recordReply(reply);

    const uses = reply.message.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
    if (uses.length === 0) {
      if (reply.message.stop_reason === 'max_tokens') {
        next = [{ type: 'text', text: CUT_OFF_NOTE }];
        continue;
      }
      const late = await drainPending();
      if (late.length === 0) return stop('end_turn');
      next = late;
      continue;
    }
    const round = await executeToolCalls(uses, tools, { signal: options.signal });
    const notes: ContentBlockParam[] = [];
    for (const call of round.calls) {
      summaries.set(call.id, call.summary);
      const { id: _id, ...record } = call;
      result.toolCalls.push(record);
      await emit({ type: 'tool_call', message: call.summary, data: { ...record, turn: result.turns } });
      if (streaks.record(call.name, call.isError)) {
        notes.push({ type: 'text', text: diagnosisNote(call.name) });
        await emit({
          type: 'diagnosis_requested',
          message: `asked the agent to diagnose repeated ${call.name} failures`,
          data: { tool: call.name, failures: FAILURE_STREAK_LIMIT },
        });
      }
    }
    if (round.finished) return stop('finished', round.finishInput);
    next = [...round.results, ...notes];
  }

  async function callModel(): Promise<CreateMessageResult | undefined> {
    try {
      return await options.client.createMessage(
        {
          model: options.model,
          max_tokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
          system,
          tools: toolDefs,
          messages: withConversationCacheMarker(messages),
        },
        { signal: options.signal },
      );
    } catch (error) {
      if (error instanceof APIUserAbortError || options.signal?.aborted) return undefined;
      throw error;
    }
  }

  async function recordReply(reply: CreateMessageResult): Promise<void> {
    const content = reply.message.content;
    // The API refuses an empty assistant turn in the history; keep the alternation valid.
    messages.push({
      role: 'assistant',
      content: content.length > 0 ? content : [{ type: 'text', text: '(no reply)' }],
    });
    result.usage = addTokenUsage(result.usage, reply.usage);
    result.costUsd += reply.costUsd;
    result.text = reply.message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
    lastPromptTokens = promptTokens(reply.usage);
    await options.onUsage?.(reply.usage, reply.costUsd, reply.message.model);
    await emit({
      type: 'model_reply',
      message: `model replied (${reply.message.stop_reason ?? 'no stop reason'}), $${reply.costUsd.toFixed(4)}`,
      data: {
        turn: result.turns,
        stopReason: reply.message.stop_reason,
        usage: reply.usage,
        costUsd: reply.costUsd,
      },
    });
  }

  async function compactIfLarge(): Promise<void> {
    const threshold = options.compaction?.thresholdTokens;
    if (threshold === undefined || lastPromptTokens <= threshold) return;
    const count = compactHistory(messages, summaries, options.compaction?.keepRecent ?? DEFAULT_KEEP_RECENT);
    if (count > 0) {
      await emit({
        type: 'compacted',
        message: `compacted ${count} older tool results`,
        data: { results: count, promptTokens: lastPromptTokens },
      });
    }
  }
}
