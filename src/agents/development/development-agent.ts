import { readFileSync } from 'node:fs';
import type { AgentDefinition } from '../definition.js';
import { promptFile } from '../prompt-file.js';
import { createFileTools } from '../tools/files.js';
import { finishTool } from '../tools/finish.js';
import { createRunCommandTool, type CommandRunner } from '../tools/run-command.js';
import { searchCodeTools, type CodeSearcher } from '../tools/search-code.js';
import { developResultSchema, type DevelopResult } from './finish-schema.js';

const system = readFileSync(new URL('./system.md', import.meta.url), 'utf8');
const userPrompt = promptFile(new URL('./user.md', import.meta.url), [
  'repo',
  'branch',
  'issue',
  'plan',
  'reproduce',
  'instructions',
  'rules',
  'failure',
  'review',
]);

export type DevelopmentPromptValues = Parameters<typeof userPrompt>[0];

const MAX_DEVELOP_TURNS = 60;

/**
 * The development agent: edits the clone within the path policy, runs commands through `runCommand`, and
 * finishes once `verifyFinish` (the node's review of what it changed) lets it.
 */
export function developmentAgent(input: {
  workspaceDir: string;
  blockedPaths: string[];
  allowedPaths: string[] | undefined;
  runCommand: CommandRunner;
  searchCode: CodeSearcher | undefined;
  verifyFinish: () => Promise<string | undefined>;
  prompt: DevelopmentPromptValues;
}): AgentDefinition<DevelopResult> {
  return {
    role: 'development',
    name: 'development agent',
    system,
    tools: [
      ...createFileTools({
        root: input.workspaceDir,
        blockedPaths: input.blockedPaths,
        allowedPaths: input.allowedPaths,
      }),
      createRunCommandTool(input.runCommand),
      ...searchCodeTools(input.searchCode),
      finishTool(developResultSchema, 'finish', 'Report that the change is complete.', {
        verify: () => input.verifyFinish(),
      }),
    ],
    finishSchema: developResultSchema,
    maxTurns: MAX_DEVELOP_TURNS,
    userMessage: userPrompt(input.prompt),
  };
}
