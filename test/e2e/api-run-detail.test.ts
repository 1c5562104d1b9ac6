import { afterEach, describe, expect, it } from 'vitest';
import { RunDetailSchema } from '../../src/api/v1/schemas.js';
import { defaultFiles, MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { featureWithFixRound, SUB_TEST_LINE } from './scripts/feature-with-fix-round.js';
import { labelNewIssue } from './scripts/steering.js';
import { commandDeployConfig, DEPLOY_SCRIPT, DeployTarget } from './support/deploy-target.js';

describe('GET /api/v1/runs/{id} of a run that failed a test round, was fixed, merged and deployed', () => {
  let h: Harness | undefined;
  let target: DeployTarget | undefined;
  afterEach(async () => {
    await h?.close();
    await target?.close();
    h = target = undefined;
  });

  async function runDetail(id: string) {
    const response = await fetch(`${h?.app.web?.url}/api/v1/runs/${id}`);
    expect(response.status).toBe(200);
    // What the OpenAPI document promises is what comes back.
    return RunDetailSchema.parse(await response.json());
  }

  it('shows its plan with the tasks done, its pull request, both check runs with the failure annotated, and the deploy', async () => {
    target = await DeployTarget.start();
    h = await startHarness({
      script: featureWithFixRound,
      files: {
        ...defaultFiles,
        'deploy.sh': DEPLOY_SCRIPT,
        VERSION: 'v2\n',
        '.github/pipeline.yml': commandDeployConfig(target),
      },
    });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    const [pr] = h.github.pullRequests(REPO);
    if (!pr) throw new Error('the run opened no pull request');

    const before = await runDetail(run.id);
    expect(before.plan).toMatchObject({
      summary: 'Add `sub(a, b)` next to `sum` with a test.',
      tasks: [
        { text: 'Write src/sub.js exporting sub', done: true },
        { text: 'Add test/sub.test.js', done: true },
      ],
      files: ['src/sub.js', 'test/sub.test.js'],
    });
    expect(before.plan?.markdown).toContain('- [x] Write src/sub.js exporting sub');
    expect(before.pullRequest).toEqual({
      number: pr.number,
      url: expect.stringMatching(new RegExp(`/${REPO}/pull/${pr.number}$`)),
      title: 'Add sub helper',
      state: 'open',
      draft: false,
      merged: false,
      headBranch: pr.head.ref,
      headSha: pr.head.sha,
    });

    // One check run per pushed head: the first round's failed with the failing test annotated, the fix passed.
    const checks = h.github.checkRuns(REPO);
    expect(before.checkRuns.map((c) => [c.id, c.round, c.status, c.conclusion])).toEqual([
      [checks[0]?.id, 1, 'completed', 'failure'],
      [checks[1]?.id, 2, 'completed', 'success'],
    ]);
    const [failed, passed] = before.checkRuns;
    expect(failed).toMatchObject({ name: 'pipeline/tests', headSha: checks[0]?.headSha, annotationCount: 1 });
    expect(failed?.url).toMatch(new RegExp(`/${REPO}/runs/${checks[0]?.id}$`));
    expect(failed?.annotations).toEqual([
      expect.objectContaining({
        path: 'test/sub.test.js',
        startLine: SUB_TEST_LINE,
        endLine: SUB_TEST_LINE,
        level: 'failure',
      }),
    ]);
    // The message GitHub got, word for word: the assertion with both values.
    expect(failed?.annotations[0]?.message).toBe(checks[0]?.annotations[0]?.message);
    expect(failed?.annotations[0]?.message).toContain('7 == 3');
    expect(passed).toMatchObject({ headSha: pr.head.sha, annotationCount: 0, annotations: [] });
    expect(before.deployments).toEqual([]);

    const { sha } = await h.github.mergePullRequest(REPO, pr.number, { by: MAINTAINER });
    const deployRun = await h.waitForRun(issue, ['succeeded', 'failed', 'cancelled'], 60_000);
    expect(deployRun.status, deployRun.error ?? '').toBe('succeeded');

    const after = await runDetail(run.id);
    expect(after.pullRequest).toMatchObject({ number: pr.number, state: 'closed', merged: true });
    expect(after.deployments).toEqual([
      expect.objectContaining({
        runId: deployRun.id,
        environment: 'production',
        sha,
        purpose: 'merge',
        pullRequest: pr.number,
        state: 'success',
        runStatus: 'succeeded',
        environmentUrl: 'https://widgets.example.com',
        finishedAt: deployRun.finishedAt?.toISOString(),
      }),
    ]);
    expect(after.deployments[0]?.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(after.deployments[0]?.deployments).toMatchObject([
      { role: 'deploy', sha, githubId: h.github.deployments(REPO)[0]?.id, state: 'success' },
    ]);
    // The deploy run's own detail shows the same deploy.
    expect((await runDetail(deployRun.id)).deployments.map((d) => d.runId)).toEqual([deployRun.id]);
    h.github.assertNoViolations();
  }, 150_000);
});
