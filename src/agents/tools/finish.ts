import type { z } from 'zod';
import { defineTool, type AgentTool } from '../tool.js';

export const FINISH_TOOL_NAME = 'finish';

export interface FinishOptions<S extends z.ZodObject> {
  /**
   * Checked before the loop ends: a returned sentence goes back to the model as the tool's error (the loop goes
   * on, so the agent can put things right within its turns); `undefined` lets it finish.
   */
  verify?(input: z.output<S>): Promise<string | undefined>;
}

/**
 * The tool an agent calls to end its loop. Its input, parsed with `schema`, becomes the loop's
 * `finishInput`; input that does not parse, or that `verify` refuses, goes back to the model as an error
 * and the loop goes on. Called as `finishTool(schema, description)` the tool is named `finish`;
 * `finishTool(schema, name, description, options)` names it (e.g. `submit_plan`).
 */
export function finishTool(schema: z.ZodObject, description: string): AgentTool;
export function finishTool<S extends z.ZodObject>(
  schema: S,
  name: string,
  description: string,
  options?: FinishOptions<S>,
): AgentTool;
export function finishTool<S extends z.ZodObject>(
  schema: S,
  nameOrDescription: string,
  description?: string,
  options: FinishOptions<S> = {},
): AgentTool {
  const name = description === undefined ? FINISH_TOOL_NAME : nameOrDescription;
  return defineTool({
    name,
    description: description ?? nameOrDescription,
    input: schema,
    finishes: true,
    async run(input) {
      const refusal = await options.verify?.(input);
      return refusal === undefined ? 'Finished.' : { content: refusal, isError: true };
    },
    summarize: (_input, result) => (result.isError ? `${name} (refused)` : name),
  });
}
