import type { MessagesRequest, RequestBlock, RequestMessage } from './request-schema.js';

/** The parts of a request that script matching and expectations look at, as plain text. */
export interface RequestView {
  system: string;
  firstUser: string;
  lastUser: string;
  lastToolResults: Array<{ text: string; isError: boolean }>;
  toolNames: string[];
  /** Number of assistant messages: the index of the turn being asked for. */
  turn: number;
  /** Everything the model would read, serialised, for `notIncludes`. */
  everything: string;
}

function blockText(block: RequestBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'tool_result':
      if (typeof block.content === 'string') return block.content;
      return (block.content ?? []).map((c) => c.text ?? '').join('\n');
    case 'tool_use':
      return JSON.stringify(block.input);
    default:
      return '';
  }
}

/** Plain text of one message: text blocks and tool results, joined by newlines. */
export function messageText(message: RequestMessage | undefined): string {
  if (!message) return '';
  if (typeof message.content === 'string') return message.content;
  return message.content.map(blockText).join('\n');
}

export function systemText(system: MessagesRequest['system']): string {
  if (system === undefined) return '';
  return typeof system === 'string' ? system : system.map((b) => b.text).join('\n');
}

export function viewRequest(body: MessagesRequest): RequestView {
  const lastUser = [...body.messages].reverse().find((m) => m.role === 'user');
  const lastBlocks = lastUser && typeof lastUser.content !== 'string' ? lastUser.content : [];
  return {
    system: systemText(body.system),
    firstUser: messageText(body.messages[0]),
    lastUser: messageText(lastUser),
    lastToolResults: lastBlocks.flatMap((b) =>
      b.type === 'tool_result' ? [{ text: blockText(b), isError: b.is_error === true }] : [],
    ),
    toolNames: (body.tools ?? []).map((t) => t.name),
    turn: body.messages.filter((m) => m.role === 'assistant').length,
    everything: JSON.stringify({ system: body.system, tools: body.tools, messages: body.messages }),
  };
}
