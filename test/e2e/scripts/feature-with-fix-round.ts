import type { ScriptConversation, TwinScript } from '../../twins/anthropic/index.js';

/** The sub(a, b) helper, first written wrong, then fixed after the failing test round. */
export const SUB_TEST = [
  "import { test } from 'node:test';",
  "import assert from 'node:assert';",
  "import { sub } from '../src/sub.js';",
  '',
  "test('sub subtracts', () => assert.equal(sub(5, 2), 3));",
  '',
].join('\n');
export const SUB_TEST_LINE = 5;

/** What the testing agent concludes about the failing `sub subtracts`, in words the raw output never uses. */
export const SUB_DIAGNOSIS = {
  test: 'sub subtracts',
  assertion: 'sub(5, 2) should be 3, but the helper returned 7',
  location: 'src/sub.js:2',
  likelyCause: 'sub adds its arguments instead of subtracting them',
};

/** The testing agent answering the failed round at once (replays whole when a resumed test step asks again). */
export const diagnoseSub: ScriptConversation = {
  name: 'diagnose the failing round',
  match: { systemIncludes: 'You are the testing agent' },
  turns: [{ reply: { toolCalls: [{ name: 'submit_diagnosis', input: SUB_DIAGNOSIS }] } }],
};

export const featureWithFixRound: TwinScript = {
  conversations: [
    {
      name: 'intake',
      match: { systemIncludes: 'intake step' },
      turns: [
        {
          expect: { lastUserIncludes: 'Add a subtract helper', toolsInclude: ['classify'] },
          reply: {
            toolCalls: [
              { name: 'classify', input: { kind: 'feature', reason: 'A new helper is asked for.' } },
            ],
          },
        },
      ],
    },
    {
      name: 'plan',
      match: { systemIncludes: 'planning agent' },
      turns: [
        { reply: { toolCalls: [{ name: 'list_files', input: {} }] } },
        {
          expect: { lastToolResultIncludes: 'src/sum.js' },
          reply: { toolCalls: [{ name: 'read_file', input: { path: 'src/sum.js' } }] },
        },
        {
          expect: { lastToolResultIncludes: 'return a + b' },
          reply: {
            toolCalls: [
              {
                name: 'submit_plan',
                input: {
                  summary: 'Add `sub(a, b)` next to `sum` with a test.',
                  files: ['src/sub.js', 'test/sub.test.js'],
                  steps: ['Write src/sub.js exporting sub', 'Add test/sub.test.js'],
                  testStrategy: 'node --test',
                  risks: [],
                },
              },
            ],
          },
        },
      ],
    },
    {
      name: 'develop, first round',
      match: { systemIncludes: 'development agent' },
      turns: [
        {
          expect: {
            lastUserIncludes: 'Write src/sub.js exporting sub',
            toolsInclude: ['write_file', 'run_command', 'finish'],
          },
          reply: {
            toolCalls: [
              {
                name: 'write_file',
                input: { path: 'src/sub.js', content: 'export function sub(a, b) {\n  return a + b;\n}\n' },
              },
              { name: 'write_file', input: { path: 'test/sub.test.js', content: SUB_TEST } },
            ],
          },
        },
        {
          reply: {
            toolCalls: [
              {
                name: 'finish',
                input: { summary: 'Added sub(a, b) and its test.', commitTitle: 'Add sub helper' },
              },
            ],
          },
        },
      ],
    },
    {
      name: 'diagnose the failing round',
      match: { systemIncludes: 'testing agent' },
      turns: [
        {
          expect: {
            lastUserIncludes: `test/sub.test.js:${SUB_TEST_LINE}`,
            toolsInclude: ['read_file', 'submit_diagnosis'],
          },
          reply: { toolCalls: [{ name: 'read_file', input: { path: 'src/sub.js' } }] },
        },
        {
          expect: { lastToolResultIncludes: 'return a + b' },
          reply: { toolCalls: [{ name: 'submit_diagnosis', input: SUB_DIAGNOSIS }] },
        },
      ],
    },
    {
      name: 'develop, fix round',
      match: { systemIncludes: 'development agent', firstUserIncludes: 'Test round 1 failed' },
      turns: [
        {
          expect: { lastUserIncludes: 'sub subtracts' },
          reply: {
            toolCalls: [
              {
                name: 'replace_in_file',
                input: { path: 'src/sub.js', oldText: 'return a + b;', newText: 'return a - b;' },
              },
            ],
          },
        },
        {
          reply: {
            toolCalls: [
              { name: 'finish', input: { summary: 'Fixed sub to subtract.', commitTitle: 'Fix sub' } },
            ],
          },
        },
      ],
    },
  ],
};
