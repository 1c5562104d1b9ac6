import type { ScriptConversation, TwinScript } from '../../test/twins/anthropic/index.js';

/** The token that ties an issue to its conversations (matched in the first user message of each agent). */
export const benchToken = (issue: number): string => `[BENCH-${String(issue).padStart(4, '0')}]`;

function intake(token: string): ScriptConversation {
  return {
    name: `intake ${token}`,
    match: { systemIncludes: 'intake step', firstUserIncludes: token },
    turns: [
      {
        reply: {
          toolCalls: [{ name: 'classify', input: { kind: 'feature', reason: 'A helper is asked for.' } }],
        },
      },
    ],
  };
}

function plan(token: string): ScriptConversation {
  const input = {
    summary: 'Add the helper file.',
    files: ['src/helper.js'],
    steps: ['Write the helper'],
    testStrategy: 'the suite',
    risks: [],
  };
  return {
    name: `plan ${token}`,
    match: { systemIncludes: 'planning agent', firstUserIncludes: token },
    turns: [{ reply: { toolCalls: [{ name: 'submit_plan', input }] } }],
  };
}

function develop(token: string, issue: number): ScriptConversation {
  const content = `export const helper${issue} = () => ${issue};\n`;
  return {
    name: `develop ${token}`,
    match: { systemIncludes: 'development agent', firstUserIncludes: token },
    turns: [
      { reply: { toolCalls: [{ name: 'write_file', input: { path: `src/helper-${issue}.js`, content } }] } },
      {
        reply: {
          toolCalls: [
            { name: 'finish', input: { summary: 'Added the helper.', commitTitle: `Add helper ${issue}` } },
          ],
        },
      },
    ],
  };
}

/** intake → plan (submitted at once) → develop (one write_file, then finish), per issue. */
export function benchScript(issues: readonly number[]): TwinScript {
  return {
    conversations: issues.flatMap((n) => [
      intake(benchToken(n)),
      plan(benchToken(n)),
      develop(benchToken(n), n),
    ]),
  };
}
