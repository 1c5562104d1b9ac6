import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptConversation } from '../twins/anthropic/index.js';
import { defaultFiles, REPO, startHarness, type Harness } from './harness.js';
import { botComments, requestsOf } from './scripts/steering.js';
import { DEPLOY_SCRIPT, DeployTarget, deployRelease } from './support/deploy-target.js';

/** The deployment agent reading a failure and reporting its diagnosis at once. */
function diagnosis(
  name: string,
  seen: string[],
  report: { whatFailed: string; likelyCause: string },
): ScriptConversation {
  return {
    name,
    match: { systemIncludes: 'deployment agent', firstUserIncludes: seen[0] },
    turns: [
      {
        expect: { lastUserIncludes: seen },
        reply: { toolCalls: [{ name: 'report_diagnosis', input: report }] },
      },
    ],
  };
}

const BROKEN = {
  whatFailed: 'deploy.sh exited 1: ./config/production.json is missing.',
  likelyCause: 'The merged change set VERSION to broken-build without adding config/production.json.',
};
const UNHEALTHY = {
  whatFailed: 'The health check answered 503 three times.',
  likelyCause: 'VERSION unhealthy makes the service report itself down.',
};

describe('a deploy that fails', () => {
  let h: Harness | undefined;
  let target: DeployTarget | undefined;
  afterEach(async () => {
    await h?.close();
    await target?.close();
    h = target = undefined;
  });

  it('ends in failure with the diagnosis in the comment, and is rolled back to the last good SHA', async () => {
    target = await DeployTarget.start();
    h = await startHarness({
      script: {
        conversations: [
          diagnosis(
            'diagnose the broken build',
            ['Cannot find module ./config/production.json', '+broken-build'],
            BROKEN,
          ),
          diagnosis('diagnose the failed health check', ['The health check failed', '+unhealthy'], UNHEALTHY),
        ],
      },
      files: {
        ...defaultFiles,
        'deploy.sh': DEPLOY_SCRIPT,
        VERSION: 'v1\n',
        '.github/pipeline.yml': [
          'deploy:',
          `  command: sh deploy.sh ${target.url}`,
          `  health_url: ${target.url}/health`,
          '  health: { retries: 3, backoff_seconds: 0.05, timeout_seconds: 10 }',
          '  rollback: previous',
          '  on: any_merge',
          '',
        ].join('\n'),
      },
    });
    const harness = h;
    const deployOf = (release: { branch: string; version: string }) => deployRelease(harness, release);

    const good = await deployOf({ branch: 'release-v2', version: 'v2' });
    expect(good.run.status, good.run.error ?? '').toBe('succeeded');

    // A deploy command that fails: failure, the agent's diagnosis, then the last good SHA deployed again.
    const broken = await deployOf({ branch: 'release-broken', version: 'broken-build' });
    expect(broken.run.status).toBe('failed');
    expect(broken.run.error).toBe('The deploy command exited 1.');
    const brokenComment = botComments(harness, broken.prNumber).find((c) =>
      c.body.includes('### Deploy of'),
    )?.body;
    expect(brokenComment).toContain('failed: The deploy command exited 1.');
    expect(brokenComment).toContain(`**Diagnosis** (deployment agent): ${BROKEN.whatFailed} Likely cause:`);
    expect(brokenComment).toContain(`back to \`${good.sha.slice(0, 7)}\`, the last good deployment`);

    // A deploy that finishes but fails its health check: the same, with the health check's diagnosis.
    const unhealthy = await deployOf({ branch: 'release-unhealthy', version: 'unhealthy' });
    expect(unhealthy.run.status).toBe('failed');
    const unhealthyComment = botComments(harness, unhealthy.prNumber).find((c) =>
      c.body.includes('### Deploy of'),
    )?.body;
    expect(unhealthyComment).toContain('The health check failed');
    expect(unhealthyComment).toContain(UNHEALTHY.whatFailed);
    expect(unhealthyComment).toContain(`back to \`${good.sha.slice(0, 7)}\``);

    harness.anthropic.assertScriptDone();
    // The agent only read and reported: no deploy was retried on its own, the rollbacks redeployed v2.
    expect(target.versions()).toEqual(['v2', 'v2', 'unhealthy', 'v2']);
    const deployments = harness.github.deployments(REPO);
    expect(deployments.map((d) => [d.sha, d.statuses.map((s) => s.state)])).toEqual([
      [good.sha, ['queued', 'in_progress', 'success', 'inactive']],
      [broken.sha, ['queued', 'in_progress', 'failure']],
      [good.sha, ['queued', 'in_progress', 'success', 'inactive']],
      [unhealthy.sha, ['queued', 'in_progress', 'failure']],
      [good.sha, ['queued', 'in_progress', 'success']],
    ]);
    const brokenStatus = deployments[1]?.statuses.at(-1)?.description ?? '';
    expect(BROKEN.whatFailed.startsWith(brokenStatus.replace(/…$/, '').slice(0, 40))).toBe(true);
    expect(requestsOf(harness, 'diagnose the broken build')).toHaveLength(1);
    harness.github.assertNoViolations();
  }, 180_000);
});
