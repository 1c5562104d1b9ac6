import { readFileSync } from 'node:fs';
import type { AgentDefinition } from '../definition.js';
import { promptFile } from '../prompt-file.js';
import { createFileTools } from '../tools/files.js';
import { finishTool } from '../tools/finish.js';
import { searchCodeTools, type CodeSearcher } from '../tools/search-code.js';
import { planSchema, type Plan } from './finish-schema.js';

const system = readFileSync(new URL('./system.md', import.meta.url), 'utf8');
const userPrompt = promptFile(new URL('./user.md', import.meta.url), [
  'repo',
  'branch',
  'issue',
  'instructions',
  'rules',
  'retrieved',
  'feedback',
]);

export type PlanningPromptValues = Parameters<typeof userPrompt>[0];

const MAX_PLANNING_TURNS = 25;

/** The planning agent: reads the clone (read-only) and the code index, and submits a plan. */
export function planningAgent(input: {
  workspaceDir: string;
  blockedPaths: string[];
  searchCode: CodeSearcher | undefined;
  prompt: PlanningPromptValues;
}): AgentDefinition<Plan> {
  return {
    role: 'planning',
    name: 'planning agent',
    system,
    tools: [
      ...createFileTools({ root: input.workspaceDir, blockedPaths: input.blockedPaths, readOnly: true }),
      ...searchCodeTools(input.searchCode),
      finishTool(planSchema, 'submit_plan', 'Submit the finished plan.'),
    ],
    finishSchema: planSchema,
    maxTurns: MAX_PLANNING_TURNS,
    userMessage: userPrompt(input.prompt),
  };
}
