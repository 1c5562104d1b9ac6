import type { z } from 'zod';
import type { AgentTool } from './tool.js';

/**
 * One agent as a node runs it: everything the loop needs except the client, the budget and the recorders,
 * which the node adds. Built from callbacks and values, so an agent never holds Octokit or storage.
 */
export interface AgentDefinition<T> {
  /** Picks the model (`model.<role>` in `.github/pipeline.yml`). */
  role: 'planning' | 'development' | 'testing' | 'deployment';
  /** How failures name it, e.g. `planning agent`. */
  name: string;
  system: string;
  /** Includes exactly one finish tool, whose input `finishSchema` parses. */
  tools: AgentTool[];
  finishSchema: z.ZodType<T>;
  maxTurns: number;
  userMessage: string;
}
