import {
  hasCacheMarker,
  type MessagesRequest,
  type RequestBlock,
  type RequestMessage,
} from './request-schema.js';

const MAX_CACHE_BREAKPOINTS = 4;

function blocksOf(message: RequestMessage): RequestBlock[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

function toolUseIds(message: RequestMessage): string[] {
  return blocksOf(message).flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
}

function checkRoles(messages: RequestMessage[]): string | undefined {
  if (messages[0]?.role !== 'user') return 'messages: first message must use the "user" role';
  for (let i = 1; i < messages.length; i++) {
    const role = messages[i]?.role;
    if (role === messages[i - 1]?.role) {
      return `messages.${i}: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`;
    }
  }
  return undefined;
}

function checkToolPairing(messages: RequestMessage[]): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (!message) continue;
    if (message.role === 'assistant') {
      const ids = toolUseIds(message);
      for (const id of ids) {
        if (seen.has(id)) return `messages.${i}: tool_use ids must be unique, found \`${id}\` twice`;
        seen.add(id);
      }
      const next = messages[i + 1];
      const answered = new Set(
        next ? blocksOf(next).flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : [])) : [],
      );
      const missing = ids.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        return (
          `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` +
          'Each `tool_use` block must have a corresponding `tool_result` block in the next message.'
        );
      }
      continue;
    }
    const previous = i > 0 ? messages[i - 1] : undefined;
    const allowed = new Set(previous ? toolUseIds(previous) : []);
    const blocks = blocksOf(message);
    for (let k = 0; k < blocks.length; k++) {
      const block = blocks[k];
      if (block?.type === 'tool_result' && !allowed.has(block.tool_use_id)) {
        return (
          `messages.${i}.content.${k}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}. ` +
          'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.'
        );
      }
    }
  }
  return undefined;
}

function countCacheMarkers(body: MessagesRequest): number {
  const marked = hasCacheMarker;
  const system = Array.isArray(body.system) ? body.system.filter(marked).length : 0;
  const tools = (body.tools ?? []).filter(marked).length;
  const messages = body.messages.flatMap(blocksOf).filter(marked).length;
  return system + tools + messages;
}

function checkTools(body: MessagesRequest): string | undefined {
  const names = (body.tools ?? []).map((t) => t.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  return duplicate ? `tools: Tool names must be unique, found \`${duplicate}\` twice` : undefined;
}

/**
 * The checks the real API makes beyond the shape of the body.
 * Returns the error message the API would answer with, or undefined when the request is valid.
 */
export function validateConversation(body: MessagesRequest): string | undefined {
  const markers = countCacheMarkers(body);
  if (markers > MAX_CACHE_BREAKPOINTS) {
    return `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${markers}.`;
  }
  return checkTools(body) ?? checkRoles(body.messages) ?? checkToolPairing(body.messages);
}
