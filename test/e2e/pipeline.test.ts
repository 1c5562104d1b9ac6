import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listSteps } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';
import type { Harness } from './harness.js';
import { MAINTAINER, REPO, startHarness } from './harness.js';
import { call, develop, intake } from './scripts/builders.js';
import { featureWithFixRound, SUB_TEST_LINE } from './scripts/feature-with-fix-round.js';

const git = promisify(execFile);

/** A clone of the twin's repo at `branch` (async: the twin answers on this process's event loop). */
async function cloneBranch(h: Harness, branch: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pipeline-check-'));
  const url = h.github.authenticatedGitUrl(REPO, h.github.installationToken(h.installationId));
  await git('git', ['clone', '--quiet', '--branch', branch, url, dir]);
  return dir;
}

describe('an issue labeled `pipeline`', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('becomes a planned, pushed, tested and ready pull request, after one fix round', async () => {
    h = await startHarness({ script: featureWithFixRound });
    const issue = await h.github.openIssue(REPO, {
      title: 'Add a subtract helper',
      body: 'We need `sub(a, b)` next to `sum`.',
      user: MAINTAINER,
    });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });

    const run = await h.waitForRun(issue.number, ['succeeded', 'failed', 'waiting_input'], 60_000);
    h.anthropic.assertScriptDone();
    expect(run.status, run.error ?? '').toBe('succeeded');

    // One status comment, edited as the run advanced, ending with the plan ticked and the PR ready.
    const comments = h.github.comments(REPO, issue.number).filter((c) => c.user === h?.github.app.botLogin);
    expect(comments).toHaveLength(1);
    const status = comments[0];
    expect(status?.history.length).toBeGreaterThan(3);
    expect(status?.body).toContain('Pull request ready for review');
    expect(status?.body).toContain('- [x] Write src/sub.js exporting sub');

    // The branch holds the agent's real change.
    const branch = run.branch ?? '';
    expect(branch).toBe(`pipeline/issue-${issue.number}-add-a-subtract-helper`);
    const clone = await cloneBranch(h, branch);
    try {
      expect(await readFile(join(clone, 'src/sub.js'), 'utf8')).toContain('return a - b;');
      const { stdout: log } = await git('git', ['log', '--format=%an|%s'], { cwd: clone });
      expect(log.split('\n')[0]).toBe(`${h.github.app.botLogin}|Fix sub`);
      // The test step's `npm install` wrote a package-lock.json into the clone; the fix round did not commit it.
      const { stdout: files } = await git('git', ['ls-files'], { cwd: clone });
      expect(files.split('\n').filter(Boolean).sort()).toEqual([
        'README.md',
        'package.json',
        'src/sub.js',
        'src/sum.js',
        'test/sub.test.js',
        'test/sum.test.js',
      ]);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }

    // A PR that closes the issue, out of draft now that the tests pass.
    const [pr] = h.github.pullRequests(REPO);
    expect(pr).toMatchObject({ draft: false, head: { ref: branch } });
    expect(pr?.body).toContain(`Closes #${issue.number}`);

    // Two check runs: the failing first head with an annotation on the test line, then a green one.
    const checks = h.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(checks.map((c) => c.conclusion)).toEqual(['failure', 'success']);
    expect(checks.map((c) => c.output.summary)).toEqual([
      expect.stringContaining('The change adds `test/sub.test.js`.'),
      expect.stringContaining('The change adds `test/sub.test.js`.'),
    ]);
    const annotation = checks[0]?.annotations[0];
    expect(annotation).toMatchObject({
      path: 'test/sub.test.js',
      start_line: SUB_TEST_LINE,
      annotation_level: 'failure',
    });

    const steps = await listSteps(h.db, run.id);
    expect(steps.map((s) => s.node)).toEqual([
      'intake',
      'plan',
      'develop',
      'test',
      'develop',
      'test',
      'finalize',
    ]);
    expect(run.inputTokens).toBeGreaterThan(0);
    h.github.assertNoViolations();
  });
});

describe('with the code index on', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('gives the planning agent the code the index finds in a real Chroma server', async () => {
    h = await startHarness({
      env: { PIPELINE_CODE_INDEX: 'on' },
      script: {
        conversations: [
          intake('feature'),
          {
            name: 'plan with retrieval',
            match: { systemIncludes: 'planning agent' },
            turns: [
              {
                expect: { lastUserIncludes: ['Code that looks relevant', 'src/sum.js', 'return a + b'] },
                reply: {
                  toolCalls: [
                    {
                      name: 'submit_plan',
                      input: {
                        summary: 'Add sub.',
                        files: ['src/sub.js'],
                        steps: ['Write src/sub.js'],
                        testStrategy: '',
                        risks: [],
                      },
                    },
                  ],
                },
              },
            ],
          },
          develop('Add sub', [
            call('write_file', { path: 'src/sub.js', content: 'export const sub = (a, b) => a - b;\n' }),
          ]),
        ],
      },
    });
    const issue = await h.github.openIssue(REPO, {
      title: 'Add a subtract helper beside sum',
      body: 'Like `sum` in src/sum.js.',
      user: MAINTAINER,
    });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const run = await h.waitForRun(issue.number, ['succeeded', 'failed'], 90_000);
    h.anthropic.assertScriptDone();
    expect(run.status, run.error ?? '').toBe('succeeded');
  }, 120_000);
});

describe('a push to the default branch', () => {
  it('gets the code index refreshed by a worker before any run needs it', async () => {
    const h = await startHarness({ env: { PIPELINE_CODE_INDEX: 'on', INDEX_REFRESH_SECONDS: '0.2' } });
    try {
      const { sha } = await h.github.commitFiles(REPO, {
        branch: 'main',
        files: { 'src/mul.js': 'export const mul = (a, b) => a * b;\n' },
        message: 'Add mul',
        by: MAINTAINER,
      });
      await h.github.settle();
      await waitFor(
        'the index refresh',
        () => h.logs.some((line) => line.includes('code index refreshed') && line.includes(sha)),
        60_000,
      );
    } finally {
      await h.close();
    }
  }, 90_000);
});
