import { z } from 'zod';

const cacheControl = z
  .object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl });

const toolResultContent = z.union([
  z.string(),
  z.array(z.looseObject({ type: z.string(), text: z.string().optional(), cache_control: cacheControl })),
]);

const contentBlock = z.discriminatedUnion('type', [
  textBlock,
  z.looseObject({
    type: z.literal('tool_use'),
    id: z.string().min(1),
    name: z.string().min(1),
    input: z.record(z.string(), z.unknown()),
    cache_control: cacheControl,
  }),
  z.looseObject({
    type: z.literal('tool_result'),
    tool_use_id: z.string().min(1),
    content: toolResultContent.optional(),
    is_error: z.boolean().optional(),
    cache_control: cacheControl,
  }),
  z.looseObject({ type: z.literal('image'), source: z.looseObject({}), cache_control: cacheControl }),
  z.looseObject({ type: z.literal('document'), source: z.looseObject({}), cache_control: cacheControl }),
  z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
  z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
]);

const message = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.union([
    z.string().min(1, 'text content blocks must be non-empty'),
    z.array(contentBlock).min(1),
  ]),
});

const tool = z.looseObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'String should match pattern ^[a-zA-Z0-9_-]{1,128}$'),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  cache_control: cacheControl,
});

/** The subset of the Messages API request body the twin understands; unknown keys pass through. */
export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(tool).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  tool_choice: z.looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']) }).optional(),
});

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type RequestMessage = MessagesRequest['messages'][number];
export type RequestBlock = Exclude<RequestMessage['content'], string>[number];

/** Whether a block, tool or system entry carries a `cache_control` breakpoint. */
export function hasCacheMarker(item: object): boolean {
  return 'cache_control' in item && item.cache_control != null;
}
