import type { TwinScript } from '../../twins/anthropic/index.js';
import { diagnoseSub, SUB_TEST } from '../scripts/feature-with-fix-round.js';

/** The issue every crash run works on. */
export const CRASH_ISSUE = { title: 'Add a subtract helper', body: 'We need `sub(a, b)` next to `sum`.' };

/**
 * A tiny Node project whose tests take a second (so a kill can land while they run), with the test command
 * pinned in `.github/pipeline.yml` (no `npm install`, nothing leaves 127.0.0.1).
 */
export const crashRepoFiles: Record<string, string> = {
  '.github/pipeline.yml': 'test: node --test\nmax_test_rounds: 3\n',
  'package.json': JSON.stringify(
    { name: 'widgets', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } },
    null,
    2,
  ),
  'src/sum.js': 'export function sum(a, b) {\n  return a + b;\n}\n',
  'test/sum.test.js':
    "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { sum } from '../src/sum.js';\n\ntest('sum', () => assert.equal(sum(1, 2), 3));\n",
  'test/slow.test.js':
    "import { test } from 'node:test';\n\ntest('takes a moment', () => new Promise((resolve) => setTimeout(resolve, 1200)));\n",
  'README.md': '# widgets\n',
};

/**
 * intake → plan (two turns) → develop (writes `sub` wrong) → test fails and is diagnosed → develop (fixes it) →
 * test passes → finalize. Every conversation is replayed from its first turn when a resumed node calls the
 * model again (the twin answers a retried first request with the same turn), so a run resumed anywhere can
 * finish.
 */
export const crashScript: TwinScript = {
  conversations: [
    {
      name: 'intake',
      match: { systemIncludes: 'You are the intake step' },
      turns: [
        {
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
      match: { systemIncludes: 'You are the planning agent' },
      turns: [
        { reply: { toolCalls: [{ name: 'read_file', input: { path: 'src/sum.js' } }] } },
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
      match: { systemIncludes: 'You are the development agent' },
      turns: [
        {
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
    diagnoseSub,
    {
      name: 'develop, fix round',
      match: { systemIncludes: 'You are the development agent', firstUserIncludes: 'Test round 1 failed' },
      turns: [
        {
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

/** A deploy workflow for the deploy kill points: dispatched with the commit to deploy, one step. */
const DEPLOY_WORKFLOW = [
  'name: Deploy',
  'on:',
  '  workflow_dispatch:',
  '    inputs: { ref: { required: true }, environment: {}, pipeline_run_id: {} }',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - name: Roll out',
  '        run: ./roll-out.sh "${{ inputs.ref }}"',
  '',
].join('\n');

/** The crash repository, deploying every merge into the default branch with its workflow. */
export const deployRepoFiles: Record<string, string> = {
  ...crashRepoFiles,
  '.github/workflows/deploy.yml': DEPLOY_WORKFLOW,
  '.github/pipeline.yml': 'deploy:\n  workflow: deploy.yml\n  on: any_merge\n',
};

/** How long a dispatched deploy workflow runs: long enough to be followed across a restart. */
export const DEPLOY_RUN_MS = 6_000;
