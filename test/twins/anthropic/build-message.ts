import { randomBytes } from 'node:crypto';
import type {
  ContentBlock,
  Message,
  StopReason,
  Usage,
} from '@anthropic-ai/sdk/resources/messages/messages.js';
import type { ScriptedReply } from './script.js';
import { estimateTokens, type InputUsage } from './usage.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An id shaped like the API's: prefix plus 24 base62 characters. */
export function newId(prefix: 'msg' | 'toolu' | 'req'): string {
  const bytes = randomBytes(24);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

function contentOf(reply: ScriptedReply): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  if (reply.text !== undefined) blocks.push({ type: 'text', text: reply.text, citations: null });
  for (const call of reply.toolCalls ?? []) {
    blocks.push({
      type: 'tool_use',
      id: newId('toolu'),
      name: call.name,
      input: call.input,
      caller: { type: 'direct' },
    });
  }
  return blocks;
}

function stopReasonOf(reply: ScriptedReply): StopReason {
  if (reply.stopReason) return reply.stopReason;
  return (reply.toolCalls?.length ?? 0) > 0 ? 'tool_use' : 'end_turn';
}

/** Turns a scripted reply into the Message the API would return, with usage filled in. */
export function buildMessage(reply: ScriptedReply, model: string, input: InputUsage): Message {
  const content = contentOf(reply);
  const outputTokens = Math.max(1, estimateTokens(JSON.stringify(content)));
  const creation = reply.usage?.cache_creation_input_tokens ?? input.cache_creation_input_tokens;
  const usage: Usage = {
    input_tokens: reply.usage?.input_tokens ?? input.input_tokens,
    output_tokens: reply.usage?.output_tokens ?? outputTokens,
    cache_creation_input_tokens: creation,
    cache_read_input_tokens: reply.usage?.cache_read_input_tokens ?? input.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: creation, ephemeral_1h_input_tokens: 0 },
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    speed: null,
  };
  return {
    id: newId('msg'),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReasonOf(reply),
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage,
  };
}
