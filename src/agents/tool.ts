import type { Tool } from '@anthropic-ai/sdk/resources/messages/messages.js';
import { z } from 'zod';

/** Given to every tool run. */
export interface ToolContext {
  signal?: AbortSignal;
}

/** What a tool's `run` returns: text, or text flagged as an error the model should react to. */
export type ToolResult = string | { content: string; isError?: boolean };

/** The outcome of one model-issued call, after parsing and running. */
export interface ToolInvocation {
  content: string;
  isError: boolean;
  /** The parsed input when it matched the schema, otherwise the raw input. */
  input: unknown;
  /** One line describing the call, e.g. `read src/x.ts, 120 lines`. */
  summary: string;
}

export interface AgentTool {
  readonly name: string;
  readonly description: string;
  /** JSON schema sent to the API, generated from the zod schema. */
  readonly inputSchema: Tool.InputSchema;
  /** A successful call of a finishing tool ends the agent loop with its parsed input. */
  readonly finishes: boolean;
  /** Parses the model's arguments, runs the tool, and turns every failure into an error result. */
  invoke(rawInput: unknown, ctx: ToolContext): Promise<ToolInvocation>;
}

export interface ToolDefinition<S extends z.ZodType> {
  /** `^[a-zA-Z0-9_-]{1,64}$`, unique within an agent. */
  name: string;
  description: string;
  input: S;
  run(input: z.output<S>, ctx: ToolContext): Promise<ToolResult> | ToolResult;
  /** One line for events and compaction; defaults to the tool name, first string argument and line count. */
  summarize?(input: z.output<S>, result: { content: string; isError: boolean }): string;
  /** Marks the loop's finish tool; prefer `finishTool()`. */
  finishes?: boolean;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function jsonSchemaOf(name: string, schema: z.ZodType): Tool.InputSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  if (json.type !== 'object')
    throw new Error(`Tool ${name}: its input schema must be a z.object(), got ${json.type}`);
  return { ...json, type: 'object' };
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length;
}

function defaultSummary(name: string, input: unknown, result: { content: string; isError: boolean }): string {
  const firstString =
    typeof input === 'object' && input !== null
      ? Object.values(input).find((v) => typeof v === 'string')
      : undefined;
  const subject = typeof firstString === 'string' ? ` ${firstString.split('\n')[0]?.slice(0, 80)}` : '';
  return `${name}${subject}${result.isError ? ' (failed)' : ''}, ${lineCount(result.content)} lines`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Defines a tool whose arguments are parsed with its zod schema, never cast. */
export function defineTool<S extends z.ZodType>(definition: ToolDefinition<S>): AgentTool {
  if (!TOOL_NAME.test(definition.name))
    throw new Error(`Tool name ${JSON.stringify(definition.name)} is invalid`);
  const summarize = (
    input: unknown,
    parsed: z.output<S> | undefined,
    result: { content: string; isError: boolean },
  ) =>
    parsed !== undefined && definition.summarize
      ? definition.summarize(parsed, result)
      : defaultSummary(definition.name, input, result);

  return {
    name: definition.name,
    description: definition.description,
    inputSchema: jsonSchemaOf(definition.name, definition.input),
    finishes: definition.finishes ?? false,
    async invoke(rawInput, ctx) {
      const parsed = definition.input.safeParse(rawInput);
      if (!parsed.success) {
        const content =
          `Invalid arguments for ${definition.name}:\n${z.prettifyError(parsed.error)}\n` +
          'Call the tool again with arguments that match its input schema.';
        return {
          content,
          isError: true,
          input: rawInput,
          summary: summarize(rawInput, undefined, { content, isError: true }),
        };
      }
      let result: { content: string; isError: boolean };
      try {
        const output = await definition.run(parsed.data, ctx);
        result =
          typeof output === 'string'
            ? { content: output, isError: false }
            : { content: output.content, isError: output.isError ?? false };
      } catch (error) {
        result = { content: `${definition.name} failed: ${errorText(error)}`, isError: true };
      }
      return { ...result, input: parsed.data, summary: summarize(parsed.data, parsed.data, result) };
    },
  };
}
