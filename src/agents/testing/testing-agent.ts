import { readFileSync } from 'node:fs';
import type { AgentDefinition } from '../definition.js';
import { promptFile } from '../prompt-file.js';
import { createFileTools } from '../tools/files.js';
import { finishTool } from '../tools/finish.js';
import { diagnosisSchema, type Diagnosis } from './finish-schema.js';

const system = readFileSync(new URL('./system.md', import.meta.url), 'utf8');
const userPrompt = promptFile(new URL('./user.md', import.meta.url), [
  'repo',
  'command',
  'failures',
  'output',
  'diff',
]);

export type TestingPromptValues = Parameters<typeof userPrompt>[0];

const MAX_TESTING_TURNS = 15;

/** The testing agent: reads a failed test run, the diff and the code (read-only), and submits a diagnosis. */
export function testingAgent(input: {
  workspaceDir: string;
  blockedPaths: string[];
  prompt: TestingPromptValues;
}): AgentDefinition<Diagnosis> {
  return {
    role: 'testing',
    name: 'testing agent',
    system,
    tools: [
      ...createFileTools({ root: input.workspaceDir, blockedPaths: input.blockedPaths, readOnly: true }),
      finishTool(diagnosisSchema, 'submit_diagnosis', 'Submit the diagnosis of the failing tests.'),
    ],
    finishSchema: diagnosisSchema,
    maxTurns: MAX_TESTING_TURNS,
    userMessage: userPrompt(input.prompt),
  };
}
