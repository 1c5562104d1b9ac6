import { z } from 'zod';
import { eventSchema } from './event-schema.js';

const tokenUsage = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
});

/** The agent loop's progress (agents/loop AgentEvent), recorded by orchestration with an `agent_` prefix. */
export const agentEventSchemas = [
  eventSchema('agent_model_call', z.object({ turn: z.number().int(), promptMessages: z.number().int() })),
  eventSchema(
    'agent_model_reply',
    z.object({
      turn: z.number().int(),
      stopReason: z.string().nullable(),
      usage: tokenUsage,
      costUsd: z.number(),
    }),
  ),
  eventSchema(
    'agent_tool_call',
    z.object({
      name: z.string(),
      isError: z.boolean(),
      summary: z.string(),
      turn: z.number().int(),
      /** Only the inputs worth a timeline line (paths, commands, queries); never file contents. */
      input: z.record(z.string(), z.unknown()),
    }),
  ),
  eventSchema('agent_compacted', z.object({ results: z.number().int(), promptTokens: z.number() })),
  eventSchema('agent_diagnosis_requested', z.object({ tool: z.string(), failures: z.number().int() })),
  eventSchema('agent_user_messages', z.object({ count: z.number().int() })),
  eventSchema(
    'agent_stopped',
    z.object({ reason: z.string(), turns: z.number().int(), costUsd: z.number() }),
  ),
] as const;
