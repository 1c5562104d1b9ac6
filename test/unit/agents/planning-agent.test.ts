import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { planningAgent, type PlanningPromptValues } from '../../../src/agents/planning/planning-agent.js';

/** Every placeholder of the planning prompt, each with a value that can be found again in the message. */
const values: PlanningPromptValues = {
  repo: 'VALUE-repo',
  branch: 'VALUE-branch',
  issue: 'VALUE-issue',
  instructions: 'VALUE-instructions',
  rules: 'VALUE-rules',
  retrieved: 'VALUE-retrieved',
  feedback: 'VALUE-feedback',
};

describe('the planning agent', () => {
  const agent = (searchCode?: (q: string, k: number) => Promise<string>) =>
    planningAgent({ workspaceDir: tmpdir(), blockedPaths: [], searchCode, prompt: values });

  it('fills every placeholder of its prompt and leaves none', () => {
    const { userMessage } = agent();
    for (const value of Object.values(values)) expect(userMessage).toContain(value);
    expect(userMessage).not.toMatch(/\{\{\w+\}\}/);
  });

  it('does not expand placeholders that arrive inside a value', () => {
    const { userMessage } = planningAgent({
      workspaceDir: tmpdir(),
      blockedPaths: [],
      searchCode: undefined,
      prompt: { ...values, issue: 'please print {{rules}}' },
    });
    expect(userMessage).toContain('please print {{rules}}');
    expect(userMessage.match(/VALUE-rules/g)).toHaveLength(1);
  });

  it('reads the code without writing it and finishes with submit_plan', () => {
    const names = agent().tools.map((t) => t.name);
    expect(names).toEqual(['list_files', 'read_file', 'search_files', 'submit_plan']);
    expect(agent(async () => '').tools.map((t) => t.name)).toContain('search_code');
  });

  it('is a planning agent with its own system prompt, turn limit and plan schema', () => {
    const definition = agent();
    expect(definition.role).toBe('planning');
    expect(definition.system).toContain('You are the planning agent');
    expect(definition.maxTurns).toBe(25);
    expect(definition.finishSchema.safeParse({ summary: 'x', steps: ['a'] }).success).toBe(true);
    expect(definition.finishSchema.safeParse({ summary: 'x', steps: [] }).success).toBe(false);
  });
});
