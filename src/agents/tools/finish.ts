import type { z } from 'zod';
import { defineTool, type AgentTool } from '../tool.js';

export const FINISH_TOOL_NAME = 'finish';

/**
 * The tool an agent calls to end its loop. Its input, parsed with `schema`, becomes the loop's
 * `finishInput`; input that does not parse goes back to the model as an error and the loop goes on.
 * Called as `finishTool(schema, description)` the tool is named `finish`; `finishTool(schema, name, description)`
 * names it (e.g. `submit_plan`).
 */
export function finishTool(schema: z.ZodObject, description: string): AgentTool;
export function finishTool(schema: z.ZodObject, name: string, description: string): AgentTool;
export function finishTool(schema: z.ZodObject, nameOrDescription: string, description?: string): AgentTool {
  const name = description === undefined ? FINISH_TOOL_NAME : nameOrDescription;
  return defineTool({
    name,
    description: description ?? nameOrDescription,
    input: schema,
    finishes: true,
    run: () => 'Finished.',
    summarize: () => name,
  });
}
