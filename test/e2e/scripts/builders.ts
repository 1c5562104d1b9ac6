import type { ScriptConversation, ScriptTurn } from '../../twins/anthropic/index.js';

type Intent = 'feature' | 'bug' | 'hotfix' | 'docs' | 'question' | 'unclear';

/** The intake step classifying the issue. */
export function intake(kind: Intent, reply?: string, firstUserIncludes?: string): ScriptConversation {
  return {
    name: `intake (${kind})`,
    match: { systemIncludes: 'intake step', ...(firstUserIncludes ? { firstUserIncludes } : {}) },
    turns: [
      {
        reply: {
          toolCalls: [
            {
              name: 'classify',
              input: { kind, reason: `classified as ${kind}`, ...(reply ? { reply } : {}) },
            },
          ],
        },
      },
    ],
  };
}

/** A planning agent that submits its plan at once. */
export function plan(steps: string[] = ['Make the change', 'Test it']): ScriptConversation {
  return {
    name: 'plan',
    match: { systemIncludes: 'planning agent' },
    turns: [
      {
        reply: {
          toolCalls: [
            {
              name: 'submit_plan',
              input: {
                summary: 'Do what the issue asks.',
                files: [],
                steps,
                testStrategy: 'the suite',
                risks: [],
              },
            },
          ],
        },
      },
    ],
  };
}

/** A planning agent that only answers a request carrying the maintainer's `feedback`, with a revised plan. */
export function replan(feedback: string): ScriptConversation {
  return {
    name: 'revised plan',
    match: { systemIncludes: 'planning agent', firstUserIncludes: feedback },
    turns: [
      {
        expect: { lastUserIncludes: feedback },
        reply: {
          toolCalls: [
            {
              name: 'submit_plan',
              input: {
                summary: 'Add sub, negatives included.',
                files: [],
                steps: ['Write src/sub.js', 'Cover negative numbers'],
                testStrategy: '',
                risks: [],
              },
            },
          ],
        },
      },
    ],
  };
}

/** A development agent doing `turns`, then finishing. */
export function develop(name: string, turns: ScriptTurn[], firstUserIncludes?: string): ScriptConversation {
  return {
    name,
    match: { systemIncludes: 'development agent', ...(firstUserIncludes ? { firstUserIncludes } : {}) },
    turns: [
      ...turns,
      { reply: { toolCalls: [{ name: 'finish', input: { summary: `${name} done.`, commitTitle: name } }] } },
    ],
  };
}

/** One turn calling one tool. */
export function call(
  name: string,
  input: Record<string, unknown>,
  expect?: ScriptTurn['expect'],
): ScriptTurn {
  return { ...(expect ? { expect } : {}), reply: { toolCalls: [{ name, input }] } };
}

/** A testing agent that submits its diagnosis of a failed test round at once. */
export function diagnose(
  diagnosis: { test: string; assertion: string; location: string; likelyCause: string } = {
    test: 'the failing test',
    assertion: 'it expected the change to be complete',
    location: 'src/index.js:1',
    likelyCause: 'the change is not finished',
  },
): ScriptConversation {
  return {
    name: 'diagnose',
    match: { systemIncludes: 'testing agent' },
    turns: [{ reply: { toolCalls: [{ name: 'submit_diagnosis', input: diagnosis }] } }],
  };
}
