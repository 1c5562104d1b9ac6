import type { TextBlockParam } from '@anthropic-ai/sdk/resources/messages/messages.js';
import { untrusted } from '../untrusted.js';

/** Follow-up comments from users, as one text block of untrusted data (none when there are none). */
export function pendingMessageBlocks(messages: readonly string[]): TextBlockParam[] {
  if (messages.length === 0) return [];
  const wrapped = messages.map((m) => untrusted('comment', m)).join('\n\n');
  return [{ type: 'text', text: `New comments arrived while you were working:\n\n${wrapped}` }];
}

export const CUT_OFF_NOTE =
  'Note from the pipeline: your reply was cut off by the max_tokens limit. Continue where you stopped, in smaller steps.';
