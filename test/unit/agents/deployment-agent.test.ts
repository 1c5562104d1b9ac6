import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  deploymentAgent,
  type DeploymentPromptValues,
} from '../../../src/agents/deployment/deployment-agent.js';

/** Every placeholder of the deployment prompt, each with a value that can be found again in the message. */
const values: DeploymentPromptValues = {
  repo: 'VALUE-repo',
  environment: 'VALUE-environment',
  sha: 'VALUE-sha',
  pullRequest: 'VALUE-pullRequest',
  command: 'VALUE-command',
};

describe('the deployment agent', () => {
  const commands: string[] = [];
  const agent = () =>
    deploymentAgent({
      workspaceDir: tmpdir(),
      runCommand: async (command) => {
        commands.push(command);
        return {
          exitCode: 0,
          output: 'deployed to https://staging.example.test',
          timedOut: false,
          truncated: false,
        };
      },
      prompt: values,
    });

  it('fills every placeholder of its prompt and leaves none', () => {
    const { userMessage } = agent();
    for (const value of Object.values(values)) expect(userMessage).toContain(value);
    expect(userMessage).not.toMatch(/\{\{\w+\}\}/);
  });

  it('reads files, runs the deploy command through the callback it is given, and reports', async () => {
    const { tools } = agent();
    expect(tools.map((t) => t.name)).toEqual([
      'list_files',
      'read_file',
      'search_files',
      'run_command',
      'report_deployment',
    ]);
    const ran = await tools.find((t) => t.name === 'run_command')?.invoke({ command: './deploy.sh' }, {});
    expect(commands).toEqual(['./deploy.sh']);
    expect(ran).toMatchObject({ isError: false, content: expect.stringContaining('staging.example.test') });
  });

  it('reports success, a summary and, when known, where the change can be seen', () => {
    const { finishSchema, role, maxTurns } = agent();
    expect(role).toBe('deployment');
    expect(maxTurns).toBe(10);
    expect(finishSchema.safeParse({ succeeded: true, summary: 'Deployed.' }).success).toBe(true);
    expect(
      finishSchema.safeParse({ succeeded: true, summary: 'Deployed.', environmentUrl: 'nope' }).success,
    ).toBe(false);
    expect(finishSchema.safeParse({ summary: 'Deployed.' }).success).toBe(false);
  });
});
