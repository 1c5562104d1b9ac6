import { afterEach, describe, expect, it } from 'vitest';
import { getRun } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';
import { defaultFiles, MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { DeployTarget, openChange } from './support/deploy-target.js';

/** Deploys the newest file under `releases/`, slowly when its name says so (time for more merges to arrive). */
const RELEASE_SCRIPT = [
  'set -eu',
  'latest=$(ls releases | sort | tail -n 1)',
  'case "$latest" in *slow*) sleep 6 ;; esac',
  'curl -fsS -X POST "$1/deploy" --data-urlencode "version=$latest" --data-urlencode "sha=$PIPELINE_SHA"',
  '',
].join('\n');

describe('merges in quick succession to one environment', () => {
  let h: Harness | undefined;
  let target: DeployTarget | undefined;
  afterEach(async () => {
    await h?.close();
    await target?.close();
    h = target = undefined;
  });

  it('deploy one at a time; a newer merge supersedes a queued deploy, never one in progress', async () => {
    target = await DeployTarget.start();
    h = await startHarness({
      files: {
        ...defaultFiles,
        'deploy.sh': RELEASE_SCRIPT,
        'releases/0': '0',
        '.github/pipeline.yml': [
          'deploy:',
          `  command: sh deploy.sh ${target.url}`,
          '  on: any_merge',
          '',
        ].join('\n'),
      },
    });
    const harness = h;
    const open = (version: string) =>
      openChange(harness, {
        branch: `release-${version}`,
        title: version,
        files: { [`releases/${version}`]: version },
      });
    const [first, second, third] = [await open('1-slow'), await open('2'), await open('3')];
    const [fourth, fifth] = [await open('4-slow'), await open('5')];
    const merge = async (pr: number) =>
      (await harness.github.mergePullRequest(REPO, pr, { by: MAINTAINER })).sha;
    const deploymentOf = (sha: string) => harness.github.deployments(REPO).find((d) => d.sha === sha);
    const deployRunOf = async (pr: number) => (await harness.runs()).find((r) => r.issueNumber === pr);

    const firstSha = await merge(first);
    await waitFor('the first deploy to be in progress', () =>
      Boolean(deploymentOf(firstSha)?.statuses.some((s) => s.state === 'in_progress')),
    );
    // The second waits, queued, behind the deploy in progress; it supersedes nothing.
    const secondSha = await merge(second);
    await waitFor('the second deploy to be queued', () =>
      Boolean(deploymentOf(secondSha)?.statuses.some((s) => s.state === 'queued')),
    );
    expect((await deployRunOf(second))?.status).toBe('queued');
    // A third merge while the second is still queued supersedes the second.
    const thirdSha = await merge(third);

    const last = await harness.waitForRun(third, ['succeeded', 'failed', 'cancelled'], 60_000);
    expect(last.status, last.error ?? '').toBe('succeeded');
    const firstRun = await harness.waitForRun(first, ['succeeded', 'failed', 'cancelled']);
    expect(firstRun.status).toBe('succeeded');
    const secondRun = await getRun(harness.db, (await deployRunOf(second))?.id ?? '');
    expect(secondRun).toMatchObject({ status: 'cancelled' });
    expect(secondRun?.error).toContain(`superseded by the deploy of #${third}`);

    // One deploy at a time: the third ran after the first ended; the second never ran.
    expect(target.versions()).toEqual(['1-slow', '3']);
    expect(deploymentOf(firstSha)?.statuses.map((s) => s.state)).toEqual([
      'queued',
      'in_progress',
      'success',
      'inactive',
    ]);
    expect(deploymentOf(secondSha)?.statuses.map((s) => [s.state, s.description])).toEqual([
      ['queued', 'Waiting for its turn to deploy'],
      ['inactive', `Superseded by #${third}`],
    ]);
    expect(deploymentOf(thirdSha)?.statuses.map((s) => s.state)).toEqual([
      'queued',
      'in_progress',
      'success',
    ]);
    const secondComment = harness.github.comments(REPO, second).find((c) => c.body.includes('### Deploy of'));
    expect(secondComment?.body).toContain(`Not deployed: superseded by the deploy of #${third}`);

    // Two merges alone: the second waits for the deploy in progress, supersedes nothing, and deploys after it.
    const fourthSha = await merge(fourth);
    await waitFor('the fourth deploy to be in progress', () =>
      Boolean(deploymentOf(fourthSha)?.statuses.some((s) => s.state === 'in_progress')),
    );
    const fifthSha = await merge(fifth);
    const fifthRun = await harness.waitForRun(fifth, ['succeeded', 'failed', 'cancelled'], 60_000);
    expect(fifthRun.status, fifthRun.error ?? '').toBe('succeeded');
    expect((await harness.waitForRun(fourth, ['succeeded', 'failed', 'cancelled'])).status).toBe('succeeded');
    expect(target.versions()).toEqual(['1-slow', '3', '4-slow', '5']);
    expect(deploymentOf(fourthSha)?.statuses.map((s) => s.state)).toEqual([
      'queued',
      'in_progress',
      'success',
      'inactive',
    ]);
    expect(deploymentOf(fifthSha)?.statuses.map((s) => s.state)).toEqual([
      'queued',
      'in_progress',
      'success',
    ]);
    harness.github.assertNoViolations();
  }, 180_000);
});
