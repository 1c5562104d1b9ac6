import { z } from 'zod';

/** One string, or several that must all appear. */
const oneOrMany = z.union([z.string(), z.array(z.string())]);

/** Token counts a scripted turn may pin instead of the twin's estimate. */
export const usageOverrideSchema = z
  .object({
    input_tokens: z.number().int().min(0),
    output_tokens: z.number().int().min(0),
    cache_creation_input_tokens: z.number().int().min(0),
    cache_read_input_tokens: z.number().int().min(0),
  })
  .partial();

/** What the fake model answers: text, tool calls, or both. */
export const scriptedReplySchema = z
  .object({
    /** Text block sent before any tool calls. */
    text: z.string().optional(),
    /** tool_use blocks, in order; ids are generated (`toolu_…`). */
    toolCalls: z
      .array(z.object({ name: z.string().min(1), input: z.record(z.string(), z.unknown()) }))
      .optional(),
    /** Defaults to `tool_use` when there are tool calls, `end_turn` otherwise. */
    stopReason: z.enum(['end_turn', 'tool_use', 'max_tokens', 'stop_sequence', 'refusal']).optional(),
    /** Overrides the estimated usage for this turn. */
    usage: usageOverrideSchema.optional(),
  })
  .refine((r) => r.text !== undefined || (r.toolCalls?.length ?? 0) > 0, {
    message: 'a reply needs `text` or at least one entry in `toolCalls`',
  });

/** Checks run on the request before a turn is replayed; a miss is a recorded failure. */
export const turnExpectationSchema = z
  .object({
    /** The system prompt contains each string. */
    systemIncludes: oneOrMany,
    /** The last user message (text and tool results) contains each string. */
    lastUserIncludes: oneOrMany,
    /** The tool results of the last user message contain each string. */
    lastToolResultIncludes: oneOrMany,
    /** Whether the last user message carries a tool_result with `is_error: true`. */
    lastToolResultIsError: z.boolean(),
    /** Tools offered in the request, by name. */
    toolsInclude: z.array(z.string()),
    /** Strings that must appear nowhere in the request (system, tools, messages). */
    notIncludes: z.array(z.string()),
  })
  .partial();

export const scriptTurnSchema = z.object({
  expect: turnExpectationSchema.optional(),
  reply: scriptedReplySchema,
});

export const scriptConversationSchema = z.object({
  /** Shown in failures and recorded on each request. */
  name: z.string().min(1),
  /** Which first request starts this conversation; absent means "any". */
  match: z.object({ systemIncludes: z.string(), firstUserIncludes: z.string() }).partial().optional(),
  turns: z.array(scriptTurnSchema).min(1),
});

export const twinScriptSchema = z.object({
  conversations: z.array(scriptConversationSchema).default([]),
  /** Answer for any request no conversation claims (benchmarks); without it such a request fails. */
  default: scriptedReplySchema.optional(),
});

export type UsageOverride = z.infer<typeof usageOverrideSchema>;
export type ScriptedReply = z.infer<typeof scriptedReplySchema>;
export type TurnExpectation = z.infer<typeof turnExpectationSchema>;
export type ScriptTurn = z.infer<typeof scriptTurnSchema>;
export type ScriptConversation = z.infer<typeof scriptConversationSchema>;
/** A script as tests write it (TS object or parsed JSON). */
export type TwinScript = z.input<typeof twinScriptSchema>;
export type ParsedTwinScript = z.infer<typeof twinScriptSchema>;

/** Parses a script, naming the bad key when it is malformed. */
export function parseTwinScript(script: TwinScript): ParsedTwinScript {
  const parsed = twinScriptSchema.safeParse(script);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid Anthropic twin script:\n${issues.join('\n')}`);
  }
  return parsed.data;
}
