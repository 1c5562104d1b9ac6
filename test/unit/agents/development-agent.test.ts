import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  developmentAgent,
  type DevelopmentPromptValues,
} from '../../../src/agents/development/development-agent.js';

/** Every placeholder of the development prompt, each with a value that can be found again in the message. */
const values: DevelopmentPromptValues = {
  repo: 'VALUE-repo',
  branch: 'VALUE-branch',
  issue: 'VALUE-issue',
  plan: 'VALUE-plan',
  reproduce: 'VALUE-reproduce',
  instructions: 'VALUE-instructions',
  rules: 'VALUE-rules',
  failure: 'VALUE-failure',
  review: 'VALUE-review',
};

describe('the development agent', () => {
  const agent = (verifyFinish: () => Promise<string | undefined> = async () => undefined) =>
    developmentAgent({
      workspaceDir: tmpdir(),
      blockedPaths: [],
      allowedPaths: undefined,
      runCommand: async () => ({ exitCode: 0, output: '', timedOut: false, truncated: false }),
      searchCode: undefined,
      verifyFinish,
      prompt: values,
    });

  it('fills every placeholder of its prompt and leaves none', () => {
    const { userMessage } = agent();
    for (const value of Object.values(values)) expect(userMessage).toContain(value);
    expect(userMessage).not.toMatch(/\{\{\w+\}\}/);
  });

  it('edits files, runs commands and finishes with finish', () => {
    expect(agent().tools.map((t) => t.name)).toEqual([
      'list_files',
      'read_file',
      'search_files',
      'write_file',
      'replace_in_file',
      'run_command',
      'finish',
    ]);
  });

  it("lets the node's review refuse a finish", async () => {
    const finish = agent(async () => 'src/secret.ts is a blocked path').tools.find(
      (t) => t.name === 'finish',
    );
    const refused = await finish?.invoke({ summary: 'done', commitTitle: 'Fix it' }, {});
    expect(refused).toMatchObject({ isError: true, content: expect.stringContaining('blocked path') });
  });

  it('is a development agent with its own system prompt and turn limit', () => {
    const definition = agent();
    expect(definition.role).toBe('development');
    expect(definition.system).toContain('You are the development agent');
    expect(definition.maxTurns).toBe(60);
  });
});
