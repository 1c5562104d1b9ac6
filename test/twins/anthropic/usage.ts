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

/** A block's text for hashing: the breakpoint itself is not part of the cached content. */
function contentText(block: object): string {
  return JSON.stringify({ ...block, cache_control: undefined });
}

/** The prompt in cache order (tools, system, messages), one segment per block. */
function segmentsOf(body: MessagesRequest): Segment[] {
  const marked = hasCacheMarker;
  const tools = (body.tools ?? []).map((t) => ({ text: contentText(t), marked: marked(t) }));
  const system =
    typeof body.system === 'string'
      ? [{ text: body.system, marked: false }]
      : (body.system ?? []).map((b) => ({ text: b.text, marked: marked(b) }));
  const messages = body.messages.flatMap((m) =>
    typeof m.content === 'string'
      ? [{ text: m.content, marked: false }]
      : m.content.map((b) => ({ text: contentText(b), marked: marked(b) })),
  );
  return [...tools, ...system, ...messages];
}

/**
 * Remembers prompt prefixes that ended at a `cache_control` marker, like the API's prompt cache: the
 * longest prefix written before (looked up at every block boundary up to the last marker, as the API looks
 * back from each breakpoint) is a cache read, the rest up to the last marker is a cache write.
 */
export class CacheLedger {
  private readonly written = new Set<string>();

  constructor(private readonly minCacheableTokens = 0) {}

  account(body: MessagesRequest): InputUsage {
    const hash = createHash('sha256').update(body.model);
    const boundaries: Array<{ key: string; tokens: number; marked: boolean }> = [];
    let chars = 0;
    for (const segment of segmentsOf(body)) {
      hash.update(segment.text);
      chars += segment.text.length;
      boundaries.push({
        key: hash.copy().digest('hex'),
        tokens: tokensForChars(chars),
        marked: segment.marked,
      });
    }
    const lastMarker = boundaries.findLastIndex((b) => b.marked && b.tokens >= this.minCacheableTokens);
    const cacheable = boundaries.slice(0, lastMarker + 1);
    const readTokens = cacheable.findLast((b) => this.written.has(b.key))?.tokens ?? 0;
    const writeTokens = Math.max(0, (cacheable.at(-1)?.tokens ?? 0) - readTokens);
    for (const b of cacheable) if (b.marked) this.written.add(b.key);
    const total = tokensForChars(chars) + 3 * body.messages.length;
    return {
      input_tokens: total - readTokens - writeTokens,
      cache_creation_input_tokens: writeTokens,
      cache_read_input_tokens: readTokens,
    };
  }
}
