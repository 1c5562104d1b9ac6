import type { MessageParam, TextBlockParam, Tool } from '@anthropic-ai/sdk/resources/messages/messages.js';
import type { AgentTool } from '../tool.js';

const EPHEMERAL = { type: 'ephemeral' } as const;

/** The system prompt as one cached block. */
export function systemBlocks(system: string): TextBlockParam[] {
  return [{ type: 'text', text: system, cache_control: EPHEMERAL }];
}

/** Tool definitions for the API; the last carries a cache breakpoint so tools + system are cached together. */
export function toolDefinitions(tools: readonly AgentTool[]): Tool[] {
  return tools.map((tool, i) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.inputSchema,
    ...(i === tools.length - 1 ? { cache_control: EPHEMERAL } : {}),
  }));
}

/**
 * A copy of the history with a cache breakpoint on the last block of the last (user) message, so each
 * step reads the previous steps from the cache. The stored history is left unmarked.
 */
export function withConversationCacheMarker(messages: readonly MessageParam[]): MessageParam[] {
  const last = messages.at(-1);
  if (last?.role !== 'user' || typeof last.content === 'string' || last.content.length === 0)
    return [...messages];
  const blocks = [...last.content];
  const tail = blocks.at(-1);
  if (tail && (tail.type === 'text' || tail.type === 'tool_result')) {
    blocks[blocks.length - 1] = { ...tail, cache_control: EPHEMERAL };
  }
  return [...messages.slice(0, -1), { role: 'user', content: blocks }];
}
