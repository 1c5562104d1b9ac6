import { afterEach, describe, expect, it } from 'vitest';
import { listSteps } from '../../src/storage/index.js';
import { defaultFiles, MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import {
  botComments,
  eventTypes,
  featureScript,
  isSubsequence,
  labelNewIssue,
  requestsOf,
} from './scripts/steering.js';
import { deployRelease, mergeChange } from './support/deploy-target.js';

/** The repository's deploy workflow: dispatched with the commit to deploy, the environment and the run. */
const DEPLOY_WORKFLOW = [
  'name: Deploy',
  'on:',
  '  workflow_dispatch:',
  '    inputs:',
  '      ref: { required: true }',
  '      environment: { required: true }',
  '      pipeline_run_id: { required: false }',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '        with: { ref: "${{ inputs.ref }}" }',
  '      - name: Push image',
  '        run: ./scripts/push-image.sh',
  '      - name: Roll out',
  '        run: ./scripts/roll-out.sh "${{ inputs.environment }}"',
  '',
].join('\n');

const workflowFiles = (deploy: string[]): Record<string, string> => ({
  ...defaultFiles,
  VERSION: 'v1\n',
  '.github/workflows/deploy.yml': DEPLOY_WORKFLOW,
  '.github/pipeline.yml': ['deploy:', ...deploy.map((line) => `  ${line}`), ''].join('\n'),
});

const commentOf = (h: Harness, issue: number) =>
  botComments(h, issue).find((c) => c.body.includes('### Deploy of'));

describe('a repository that deploys with a GitHub Actions workflow', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('has its merged pipeline PR deployed by a dispatched workflow run, followed to the end and linked', async () => {
    h = await startHarness({
      script: featureScript(),
      files: workflowFiles([
        'environment: staging',
        'workflow: deploy.yml',
        'environment_url: https://staging.widgets.example.com',
      ]),
    });
    const issue = await labelNewIssue(h);
    const issueRun = await h.waitForRun(issue, ['succeeded', 'failed'], 60_000);
    expect(issueRun.status, issueRun.error ?? '').toBe('succeeded');
    const prNumber = issueRun.prNumber ?? 0;

    const { sha } = await h.github.mergePullRequest(REPO, prNumber, { by: MAINTAINER });
    const deployRun = await h.waitForRun(issue, ['succeeded', 'failed', 'cancelled'], 60_000);
    expect(deployRun.id).not.toBe(issueRun.id);
    expect(deployRun.status, deployRun.error ?? '').toBe('succeeded');

    // One dispatch, on the default branch, with the merge commit, the environment and the run as inputs.
    expect(h.github.workflowDispatches(REPO)).toMatchObject([
      {
        workflowId: 'deploy.yml',
        ref: 'main',
        inputs: { ref: sha, environment: 'staging', pipeline_run_id: deployRun.id },
      },
    ]);
    const [workflowRun, ...otherRuns] = h.github.workflowRuns(REPO);
    expect(otherRuns).toEqual([]);
    expect(workflowRun).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      actor: h.github.app.botLogin,
    });
    const runUrl = `${h.github.url}/${REPO}/actions/runs/${workflowRun?.id}`;

    const [deployment, ...others] = h.github.deployments(REPO);
    expect(others).toEqual([]);
    expect(deployment).toMatchObject({ sha, environment: 'staging' });
    expect(deployment?.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
    // While it was followed, the deployment said which workflow run deploys it; its log stays the run's comment.
    expect(deployment?.statuses[1]?.description).toBe(`Deploying ${sha.slice(0, 7)}: workflow run ${runUrl}`);
    const comment = commentOf(h, issue);
    for (const status of deployment?.statuses ?? []) {
      expect(status.logUrl).toContain(`/${REPO}/issues/${issue}#issuecomment-${comment?.id}`);
    }
    expect(deployment?.statuses.at(-1)?.environmentUrl).toBe('https://staging.widgets.example.com');

    expect(comment?.body).toContain(
      `Merged in #${prNumber}. Deployed \`${sha.slice(0, 7)}\` to \`staging\` at https://staging.widgets.example.com.`,
    );
    expect(comment?.body).toContain(`Deployed by workflow run ${runUrl}.`);
    expect((await listSteps(h.db, deployRun.id)).map((s) => s.node)).toEqual(['deploy', 'verify', 'report']);
    expect(
      isSubsequence(await eventTypes(h, deployRun.id), [
        'run_started',
        'workflow_run',
        'deployment_status',
        'workflow_run',
        'deployment_status',
        'run_succeeded',
      ]),
    ).toBe(true);
    h.github.assertNoViolations();
  }, 120_000);

  it('ends a failed workflow run in failure with the diagnosis naming the failed step, and dispatches the rollback', async () => {
    const report = {
      whatFailed: 'The workflow run failed at step `Push image` of job `deploy`.',
      likelyCause: 'VERSION was set to broken-build, which has no image to push.',
    };
    h = await startHarness({
      script: {
        conversations: [
          {
            name: 'diagnose the failed workflow run',
            match: { systemIncludes: 'deployment agent', firstUserIncludes: 'Push image' },
            turns: [
              {
                expect: {
                  lastUserIncludes: [
                    'step 3 Push image: failure',
                    'step 4 Roll out: skipped',
                    '+broken-build',
                  ],
                },
                reply: { toolCalls: [{ name: 'report_diagnosis', input: report }] },
              },
            ],
          },
        ],
      },
      files: workflowFiles(['workflow: deploy.yml', 'rollback: previous', 'on: any_merge']),
    });
    const harness = h;
    const deployOf = (release: { branch: string; version: string }) => deployRelease(harness, release);

    const good = await deployOf({ branch: 'release-v2', version: 'v2' });
    expect(good.run.status, good.run.error ?? '').toBe('succeeded');

    h.github.scriptWorkflowRun(REPO, 'deploy.yml', { conclusion: 'failure', failedStep: 'Push image' });
    const broken = await deployOf({ branch: 'release-broken', version: 'broken-build' });
    expect(broken.run.status).toBe('failed');
    expect(broken.run.error).toBe(
      'The workflow run ended `failure`: job `deploy`, step `Push image` failed.',
    );

    // The deploy dispatched once for each merge, and once more for the rollback, with the last good SHA.
    expect(h.github.workflowDispatches(REPO).map((d) => d.inputs['ref'])).toEqual([
      good.sha,
      broken.sha,
      good.sha,
    ]);
    const runs = h.github.workflowRuns(REPO);
    expect(runs.map((r) => r.conclusion)).toEqual(['success', 'failure', 'success']);
    const urlOf = (id: number | undefined) => `${harness.github.url}/${REPO}/actions/runs/${id}`;

    const comment = commentOf(h, broken.prNumber)?.body;
    expect(comment).toContain(
      'failed: The workflow run ended `failure`: job `deploy`, step `Push image` failed.',
    );
    expect(comment).toContain(`Workflow run: ${urlOf(runs[1]?.id)}`);
    expect(comment).toContain(`**Diagnosis** (deployment agent): ${report.whatFailed} Likely cause:`);
    expect(comment).toContain(
      `back to \`${good.sha.slice(0, 7)}\`, the last good deployment (workflow run ${urlOf(runs[2]?.id)})`,
    );

    const deployments = h.github.deployments(REPO);
    expect(deployments.map((d) => [d.sha, d.statuses.map((s) => s.state)])).toEqual([
      [good.sha, ['queued', 'in_progress', 'success', 'inactive']],
      [broken.sha, ['queued', 'in_progress', 'failure']],
      [good.sha, ['queued', 'in_progress', 'success']],
    ]);
    expect(deployments[1]?.statuses.at(-1)?.description).toContain('Push image');
    expect(requestsOf(harness, 'diagnose the failed workflow run')).toHaveLength(1);
    h.anthropic.assertScriptDone();
    h.github.assertNoViolations();
  }, 180_000);

  it('names a workflow the repository does not have: the deployment ends in error and nothing is dispatched', async () => {
    h = await startHarness({ files: workflowFiles(['workflow: release.yml', 'on: any_merge']) });
    const merged = await mergeChange(h, {
      branch: 'release-v2',
      title: 'Release v2',
      files: { VERSION: 'v2\n' },
    });
    const run = await h.waitForRun(merged.prNumber, ['succeeded', 'failed', 'cancelled'], 60_000);
    const said =
      'GitHub has no workflow `release.yml` in `.github/workflows/` on `main` (404): check `deploy.workflow` ' +
      'and `deploy.workflow_ref`.';
    expect(run.status).toBe('failed');
    expect(run.error).toBe(said);
    expect(h.github.workflowRuns(REPO)).toEqual([]);
    const [deployment] = h.github.deployments(REPO);
    expect(deployment?.statuses.map((s) => s.state)).toEqual(['queued', 'error']);
    expect(commentOf(h, merged.prNumber)?.body).toContain(`⚠️ ${said}`);
    h.github.assertNoViolations();
  }, 120_000);
});
