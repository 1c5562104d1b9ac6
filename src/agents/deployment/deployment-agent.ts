import { readFileSync } from 'node:fs';
import type { AgentDefinition } from '../definition.js';
import { promptFile } from '../prompt-file.js';
import { createFileTools } from '../tools/files.js';
import { finishTool } from '../tools/finish.js';
import { deployDiagnosisSchema, type DeployDiagnosis } from './finish-schema.js';

const system = readFileSync(new URL('./system.md', import.meta.url), 'utf8');
const userPrompt = promptFile(new URL('./user.md', import.meta.url), [
  'repo',
  'environment',
  'sha',
  'failure',
  'output',
  'diff',
]);

export type DeploymentPromptValues = Parameters<typeof userPrompt>[0];

const MAX_DEPLOYMENT_TURNS = 8;

/**
 * The deployment agent: after a failed deploy or health check it reads the output, the diff and the clone,
 * and reports a diagnosis. It has no command tool: it never deploys or retries anything itself.
 */
export function deploymentAgent(input: {
  workspaceDir: string;
  prompt: DeploymentPromptValues;
}): AgentDefinition<DeployDiagnosis> {
  return {
    role: 'deployment',
    name: 'deployment agent',
    system,
    tools: [
      ...createFileTools({ root: input.workspaceDir, readOnly: true }),
      finishTool(deployDiagnosisSchema, 'report_diagnosis', 'Report why the deploy failed.'),
    ],
    finishSchema: deployDiagnosisSchema,
    maxTurns: MAX_DEPLOYMENT_TURNS,
    userMessage: userPrompt(input.prompt),
  };
}
