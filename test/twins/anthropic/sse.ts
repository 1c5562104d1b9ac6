import type { ServerResponse } from 'node:http';
import type {
  ContentBlock,
  Message,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages/messages.js';

const CHUNK = 16;

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
  return out;
}

function blockEvents(block: ContentBlock, index: number): RawMessageStreamEvent[] {
  if (block.type === 'text') {
    return [
      { type: 'content_block_start', index, content_block: { ...block, text: '' } },
      ...chunks(block.text).map((text): RawMessageStreamEvent => ({
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text },
      })),
      { type: 'content_block_stop', index },
    ];
  }
  if (block.type === 'tool_use') {
    return [
      { type: 'content_block_start', index, content_block: { ...block, input: {} } },
      ...chunks(JSON.stringify(block.input)).map((partial_json): RawMessageStreamEvent => ({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json },
      })),
      { type: 'content_block_stop', index },
    ];
  }
  throw new Error(`the twin cannot stream a ${block.type} block`);
}

/** The event sequence the API streams for a finished message. */
export function streamEvents(message: Message): RawMessageStreamEvent[] {
  const start: Message = {
    ...message,
    content: [],
    stop_reason: null,
    usage: { ...message.usage, output_tokens: 1 },
  };
  return [
    { type: 'message_start', message: start },
    ...message.content.flatMap(blockEvents),
    {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null, stop_details: null, container: null },
      usage: {
        output_tokens: message.usage.output_tokens,
        input_tokens: message.usage.input_tokens,
        cache_creation_input_tokens: message.usage.cache_creation_input_tokens,
        cache_read_input_tokens: message.usage.cache_read_input_tokens,
        output_tokens_details: null,
        server_tool_use: null,
      },
    },
    { type: 'message_stop' },
  ];
}

/** Writes a message as server-sent events, with a ping after message_start like the API. */
export function writeSse(res: ServerResponse, message: Message, headers: Record<string, string>): void {
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const events = streamEvents(message);
  events.forEach((event, i) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    if (i === 0) res.write(`event: ping\ndata: {"type": "ping"}\n\n`);
  });
  res.end();
}
