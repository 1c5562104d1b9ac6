import { scrapeMetrics } from '../support/scrape-metrics.js';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, listSteps } from '../../src/storage/index.js';
import { defaultFiles, MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import {
  botComments,
  eventTypes,
  featureScript,
  isSubsequence,
  labelNewIssue,
  waitForBotComment,
} from './scripts/steering.js';
import { commandDeployConfig, DEPLOY_SCRIPT, DeployTarget } from './support/deploy-target.js';

describe('a merged pipeline pull request', () => {
  let h: Harness | undefined;
  let target: DeployTarget | undefined;
  afterEach(async () => {
    await h?.close();
    await target?.close();
    h = target = undefined;
  });

  it('is deployed: a deployment on the merge commit goes queued → in progress → success, and the issue is told', async () => {
    target = await DeployTarget.start();
    h = await startHarness({
      script: featureScript(),
      files: {
        ...defaultFiles,
        'deploy.sh': DEPLOY_SCRIPT,
        VERSION: 'v2\n',
        '.github/pipeline.yml': commandDeployConfig(target),
      },
    });
    const issue = await labelNewIssue(h);
    const issueRun = await h.waitForRun(issue, ['succeeded', 'failed'], 60_000);
    expect(issueRun.status, issueRun.error ?? '').toBe('succeeded');
    const prNumber = issueRun.prNumber ?? 0;

    const { sha } = await h.github.mergePullRequest(REPO, prNumber, { by: MAINTAINER });
    const deployRun = await h.waitForRun(issue, ['succeeded', 'failed', 'cancelled'], 60_000);
    expect(deployRun.id).not.toBe(issueRun.id);
    expect(deployRun.status, deployRun.error ?? '').toBe('succeeded');
    expect(deployRun.trigger).toBe('merge');

    // The real deploy script ran at the merge commit, and the health URL was asked.
    expect(target.deploys).toMatchObject([{ version: 'v2', sha }]);
    expect(target.healthChecks).toContain(200);

    const [deployment, ...others] = h.github.deployments(REPO);
    expect(others).toEqual([]);
    expect(deployment).toMatchObject({ sha, environment: 'production', creator: h.github.app.botLogin });
    expect(deployment?.statuses.map((s) => s.state)).toEqual(['queued', 'in_progress', 'success']);
    const comment = botComments(h, issue).find((c) => c.body.includes('### Deploy of'));
    expect(comment?.body).toContain(
      `Merged in #${prNumber}. Deployed \`${sha.slice(0, 7)}\` to \`production\``,
    );
    expect(comment?.body).toContain('at https://widgets.example.com');
    expect(comment?.body).toMatch(/Spent on this issue’s run and its deploy: [\d,]+ tokens · \$\d+\.\d\d/);
    // Every status links the run: its comment on the issue, the only page of it there is without a public URL.
    const commentUrl = `/${REPO}/issues/${issue}#issuecomment-${comment?.id}`;
    for (const status of deployment?.statuses ?? []) expect(status.logUrl).toContain(commentUrl);
    expect(deployment?.statuses.at(-1)?.environmentUrl).toBe('https://widgets.example.com');

    expect((await listSteps(h.db, deployRun.id)).map((s) => s.node)).toEqual(['deploy', 'verify', 'report']);
    expect(
      isSubsequence(await eventTypes(h, deployRun.id), [
        'deploy_requested',
        'run_started',
        'deployment_status',
        'command',
        'health_checked',
        'deployment_status',
        'run_succeeded',
      ]),
    ).toBe(true);
    const audit = (await listAudit(h.db, { runId: deployRun.id, limit: 100 })).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['deploy.queued', 'run.started', 'run.succeeded']));
    const metrics = await scrapeMetrics(h.app.web?.url ?? '');
    expect(metrics.sum('pipeline_deploys_total', { outcome: 'success' })).toBe(1);
    expect(metrics.sum('pipeline_deploys_total')).toBe(1);
    h.github.assertNoViolations();
  }, 120_000);

  it('without `deploy:` gets a final comment saying it was merged and how to deploy, and no deployment', async () => {
    h = await startHarness({ script: featureScript() });
    const issue = await labelNewIssue(h);
    const issueRun = await h.waitForRun(issue, ['succeeded', 'failed'], 60_000);
    expect(issueRun.status, issueRun.error ?? '').toBe('succeeded');
    const prNumber = issueRun.prNumber ?? 0;

    await h.github.mergePullRequest(REPO, prNumber, { by: MAINTAINER });
    const harness = h;
    const body = await waitForBotComment(harness, issue, `Merged in #${prNumber}. Nothing was deployed`);
    expect(body).toContain('deploy:\n  environment: production');
    expect(h.github.deployments(REPO)).toEqual([]);
    expect((await h.runs()).map((r) => r.id)).toEqual([issueRun.id]);
    const audit = await listAudit(h.db, { runId: issueRun.id, limit: 100 });
    expect(audit.map((a) => a.action)).toContain('deploy.not_configured');
    // Nothing deployed, yet the run's detail knows its pull request was merged: the closing is on its timeline.
    expect(await eventTypes(h, issueRun.id)).toContain('pull_request_closed');
    const detail = (await (await fetch(`${h.app.web?.url}/api/v1/runs/${issueRun.id}`)).json()) as {
      pullRequest: unknown;
      deployments: unknown[];
    };
    expect(detail.pullRequest).toMatchObject({ number: prNumber, state: 'closed', merged: true });
    expect(detail.deployments).toEqual([]);
    h.github.assertNoViolations();
  }, 120_000);
});
