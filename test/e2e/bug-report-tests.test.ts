import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { defaultFiles, REPO, startHarness } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';
import { labelNewIssue } from './scripts/steering.js';

const ASKED_FOR_A_TEST = 'First add a test that reproduces the bug and fails without your fix';

/** A bug fixed together with the test that shows it. */
const fixWithTest = develop('Fix sum of strings', [
  call('write_file', {
    path: 'test/sum-strings.test.js',
    content:
      "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { sum } from '../src/sum.js';\n\ntest('sum adds numeric strings', () => assert.equal(sum('1', '2'), 3));\n",
  }),
  call('write_file', {
    path: 'src/sum.js',
    content: 'export function sum(a, b) {\n  return Number(a) + Number(b);\n}\n',
  }),
]);

describe('a bug report', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('on a repository with tests asks development for a test that fails before the fix, and the check says it came', async () => {
    h = await startHarness({ script: { conversations: [intake('bug'), plan(), fixWithTest] } });
    const issue = await labelNewIssue(h, 'sum("1", "2") returns "12"');
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    h.anthropic.assertScriptDone();

    const [developing] = h.anthropic.requests.filter((r) => r.conversation === 'Fix sum of strings');
    expect(JSON.stringify(developing?.body)).toContain(ASKED_FOR_A_TEST);
    const [check] = h.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(check?.conclusion).toBe('success');
    expect(check?.output.summary).toContain('The change adds `test/sum-strings.test.js`.');
  });

  it('on a repository without tests asks for no test it could not run', async () => {
    const { 'test/sum.test.js': _test, 'package.json': _package, ...untested } = defaultFiles;
    const fix = develop('Fix sum of strings', [
      call('write_file', {
        path: 'src/sum.js',
        content: 'export function sum(a, b) {\n  return Number(a) + Number(b);\n}\n',
      }),
    ]);
    h = await startHarness({ files: untested, script: { conversations: [intake('bug'), plan(), fix] } });
    const issue = await labelNewIssue(h, 'sum("1", "2") returns "12"');
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');

    const [developing] = h.anthropic.requests.filter((r) => r.conversation === 'Fix sum of strings');
    expect(JSON.stringify(developing?.body)).toContain('sum(\\"1\\", \\"2\\") returns');
    expect(JSON.stringify(developing?.body)).not.toContain(ASKED_FOR_A_TEST);
  });
});

describe('a feature request', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is not asked for a reproducing test', async () => {
    h = await startHarness({ script: { conversations: [intake('feature'), plan(), fixWithTest] } });
    const issue = await labelNewIssue(h, 'Let sum take numeric strings');
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    const [developing] = h.anthropic.requests.filter((r) => r.conversation === 'Fix sum of strings');
    expect(JSON.stringify(developing?.body)).not.toContain(ASKED_FOR_A_TEST);
  });
});
