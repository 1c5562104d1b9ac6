import type { MessageParam } from '@anthropic-ai/sdk/resources/messages/messages.js';

const COMPACTED_PREFIX = '[compacted: ';

/**
 * Replaces the content of older tool results with a one-line summary (`[compacted: read src/x.ts, 120 lines]`),
 * keeping the `keepRecent` newest verbatim. Blocks and their tool_use_ids stay, so tool_use/tool_result
 * pairing remains valid. Mutates `messages`; returns how many results were compacted.
 */
export function compactHistory(
  messages: MessageParam[],
  summaries: ReadonlyMap<string, string>,
  keepRecent: number,
): number {
  const positions: Array<{ message: number; block: number }> = [];
  messages.forEach((message, m) => {
    if (message.role !== 'user' || typeof message.content === 'string') return;
    message.content.forEach((block, b) => {
      if (block.type === 'tool_result') positions.push({ message: m, block: b });
    });
  });
  let compacted = 0;
  for (const { message: m, block: b } of positions.slice(0, Math.max(0, positions.length - keepRecent))) {
    const message = messages[m];
    if (message?.role !== 'user' || typeof message.content === 'string') continue;
    const block = message.content[b];
    if (block?.type !== 'tool_result') continue;
    if (typeof block.content === 'string' && block.content.startsWith(COMPACTED_PREFIX)) continue;
    const summary = summaries.get(block.tool_use_id) ?? 'tool result';
    message.content[b] = { ...block, content: `${COMPACTED_PREFIX}${summary}]` };
    compacted++;
  }
  return compacted;
}
