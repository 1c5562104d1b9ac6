import { readFileSync } from 'node:fs';
import type { AgentDefinition } from '../definition.js';
import { promptFile } from '../prompt-file.js';
import { createFileTools } from '../tools/files.js';
import { finishTool } from '../tools/finish.js';
import { createRunCommandTool, type CommandRunner } from '../tools/run-command.js';
import { deploymentReportSchema, type DeploymentReport } from './finish-schema.js';

const system = readFileSync(new URL('./system.md', import.meta.url), 'utf8');
const userPrompt = promptFile(new URL('./user.md', import.meta.url), [
  'repo',
  'environment',
  'sha',
  'pullRequest',
  'command',
]);

export type DeploymentPromptValues = Parameters<typeof userPrompt>[0];

const MAX_DEPLOYMENT_TURNS = 10;

/** The deployment agent: runs the repo's deploy command through `runCommand` and reports how it went. */
export function deploymentAgent(input: {
  workspaceDir: string;
  runCommand: CommandRunner;
  prompt: DeploymentPromptValues;
}): AgentDefinition<DeploymentReport> {
  return {
    role: 'deployment',
    name: 'deployment agent',
    system,
    tools: [
      ...createFileTools({ root: input.workspaceDir, readOnly: true }),
      createRunCommandTool(input.runCommand),
      finishTool(deploymentReportSchema, 'report_deployment', 'Report how the deployment went.'),
    ],
    finishSchema: deploymentReportSchema,
    maxTurns: MAX_DEPLOYMENT_TURNS,
    userMessage: userPrompt(input.prompt),
  };
}
