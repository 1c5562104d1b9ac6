import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeDiagnosis } from '../../../src/agents/testing/finish-schema.js';
import { testingAgent, type TestingPromptValues } from '../../../src/agents/testing/testing-agent.js';

/** Every placeholder of the testing prompt, each with a value that can be found again in the message. */
const values: TestingPromptValues = {
  repo: 'VALUE-repo',
  command: 'VALUE-command',
  failures: 'VALUE-failures',
  output: 'VALUE-output',
  diff: 'VALUE-diff',
};

describe('the testing agent', () => {
  const agent = () => testingAgent({ workspaceDir: tmpdir(), blockedPaths: [], prompt: values });

  it('fills every placeholder of its prompt and leaves none', () => {
    const { userMessage } = agent();
    for (const value of Object.values(values)) expect(userMessage).toContain(value);
    expect(userMessage).not.toMatch(/\{\{\w+\}\}/);
  });

  it('reads the code without writing it and finishes with submit_diagnosis', () => {
    expect(agent().tools.map((t) => t.name)).toEqual([
      'list_files',
      'read_file',
      'search_files',
      'submit_diagnosis',
    ]);
  });

  it('must name the test, the assertion, the place to look and the likely cause', () => {
    const { finishSchema, role, maxTurns } = agent();
    expect(role).toBe('testing');
    expect(maxTurns).toBe(15);
    expect(finishSchema.safeParse({ test: 'sub subtracts', assertion: '7 !== 3' }).success).toBe(false);
    const diagnosis = finishSchema.parse({
      test: 'sub subtracts',
      assertion: 'expected 3, got 7',
      location: 'src/sub.js:2',
      likelyCause: 'sub adds instead of subtracting',
    });
    expect(describeDiagnosis(diagnosis)).toBe(
      [
        'Failing test: sub subtracts',
        'Assertion: expected 3, got 7',
        'Look at: src/sub.js:2',
        'Likely cause: sub adds instead of subtracting',
      ].join('\n'),
    );
  });
});
