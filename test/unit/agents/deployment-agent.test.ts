import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  deploymentAgent,
  type DeploymentPromptValues,
} from '../../../src/agents/deployment/deployment-agent.js';
import { describeDeployDiagnosis } from '../../../src/agents/deployment/finish-schema.js';

/** Every placeholder of the deployment prompt, each with a value that can be found again in the message. */
const values: DeploymentPromptValues = {
  repo: 'VALUE-repo',
  environment: 'VALUE-environment',
  sha: 'VALUE-sha',
  failure: 'VALUE-failure',
  output: 'VALUE-output',
  diff: 'VALUE-diff',
};

describe('the deployment agent', () => {
  const agent = () => deploymentAgent({ workspaceDir: tmpdir(), prompt: values });

  it('fills every placeholder of its prompt and leaves none', () => {
    const { userMessage } = agent();
    for (const value of Object.values(values)) expect(userMessage).toContain(value);
    expect(userMessage).not.toMatch(/\{\{\w+\}\}/);
  });

  it('reads files and reports, and has no tool that could run or retry a deploy', () => {
    const { tools } = agent();
    expect(tools.map((t) => t.name)).toEqual(['list_files', 'read_file', 'search_files', 'report_diagnosis']);
  });

  it('reports what failed and the likely cause, in one paragraph', () => {
    const { finishSchema, role, maxTurns } = agent();
    expect(role).toBe('deployment');
    expect(maxTurns).toBe(8);
    const diagnosis = { whatFailed: 'deploy.sh exited 1.', likelyCause: 'src/config.js was renamed.' };
    expect(finishSchema.parse(diagnosis)).toEqual(diagnosis);
    expect(finishSchema.safeParse({ whatFailed: 'x' }).success).toBe(false);
    expect(describeDeployDiagnosis(diagnosis)).toBe(
      'deploy.sh exited 1. Likely cause: src/config.js was renamed.',
    );
  });
});
