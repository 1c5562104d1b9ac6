import { createHash } from 'node:crypto';
import { hasCacheMarker, type MessagesRequest } from './request-schema.js';

/** Rough token count the twin reports: about four characters per token. */
export function estimateTokens(text: string): number {
  return tokensForChars(text.length);
}

function tokensForChars(chars: number): number {
  return Math.ceil(chars / 4);
}

export interface InputUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

interface Segment {
  text: string;
  marked: boolean;
}

/** The prompt in cache order (tools, system, messages), one segment per block. */
function segmentsOf(body: MessagesRequest): Segment[] {
  const marked = hasCacheMarker;
  const tools = (body.tools ?? []).map((t) => ({ text: JSON.stringify(t), marked: marked(t) }));
  const system =
    typeof body.system === 'string'
      ? [{ text: body.system, marked: false }]
      : (body.system ?? []).map((b) => ({ text: b.text, marked: marked(b) }));
  const messages = body.messages.flatMap((m) =>
    typeof m.content === 'string'
      ? [{ text: m.content, marked: false }]
      : m.content.map((b) => ({ text: JSON.stringify(b), marked: marked(b) })),
  );
  return [...tools, ...system, ...messages];
}

/**
 * Remembers prompt prefixes that ended at a `cache_control` marker, like the API's prompt cache:
 * the longest prefix seen before is a cache read, the rest up to the last marker is a cache write.
 */
export class CacheLedger {
  private readonly seen = new Set<string>();

  constructor(private readonly minCacheableTokens = 0) {}

  account(body: MessagesRequest): InputUsage {
    const hash = createHash('sha256').update(body.model);
    let chars = 0;
    let readTokens = 0;
    let lastMarkerTokens = 0;
    const prefixes: string[] = [];
    for (const segment of segmentsOf(body)) {
      hash.update(segment.text);
      chars += segment.text.length;
      if (!segment.marked) continue;
      const key = hash.copy().digest('hex');
      const tokens = tokensForChars(chars);
      if (this.seen.has(key)) readTokens = tokens;
      if (tokens >= this.minCacheableTokens) {
        lastMarkerTokens = tokens;
        prefixes.push(key);
      }
    }
    for (const key of prefixes) this.seen.add(key);
    const total = tokensForChars(chars) + 3 * body.messages.length;
    const creation = Math.max(0, lastMarkerTokens - readTokens);
    return {
      input_tokens: total - readTokens - creation,
      cache_creation_input_tokens: creation,
      cache_read_input_tokens: readTokens,
    };
  }
}
