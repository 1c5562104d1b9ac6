import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, type Run } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';
import { defaultFiles, MAINTAINER, READER, REPO, startHarness, type Harness } from './harness.js';
import { waitForBotComment } from './scripts/steering.js';
import { DEPLOY_SCRIPT, DeployTarget, mergeChange } from './support/deploy-target.js';

describe('/pipeline deploy and /pipeline rollback', () => {
  let h: Harness | undefined;
  let target: DeployTarget | undefined;
  afterEach(async () => {
    await h?.close();
    await target?.close();
    h = target = undefined;
  });

  it('redeploy a merged PR and roll the environment back, for writers only, audited', async () => {
    target = await DeployTarget.start();
    h = await startHarness({
      files: {
        ...defaultFiles,
        'deploy.sh': DEPLOY_SCRIPT,
        VERSION: 'v1\n',
        '.github/pipeline.yml': [
          'deploy:',
          `  command: sh deploy.sh ${target.url}`,
          '  on: any_merge',
          '',
        ].join('\n'),
      },
    });
    const harness = h;
    const runsOf = async (issue: number) => (await harness.runs()).filter((r) => r.issueNumber === issue);
    const nextRunOn = async (issue: number, before: number): Promise<Run> => {
      await waitFor('a new deploy run', async () => (await runsOf(issue)).length > before);
      return harness.waitForRun(issue, ['succeeded', 'failed', 'cancelled'], 60_000);
    };

    const v2 = await mergeChange(harness, { branch: 'release-v2', title: 'v2', files: { VERSION: 'v2\n' } });
    expect((await nextRunOn(v2.prNumber, 0)).status).toBe('succeeded');
    const v3 = await mergeChange(harness, { branch: 'release-v3', title: 'v3', files: { VERSION: 'v3\n' } });
    expect((await nextRunOn(v3.prNumber, 0)).status).toBe('succeeded');

    // A reader may not roll back: a polite refusal, and nothing starts.
    await harness.github.postComment(REPO, v3.prNumber, '/pipeline rollback', { by: READER });
    await waitForBotComment(harness, v3.prNumber, `Sorry @${READER}`);
    expect(await runsOf(v3.prNumber)).toHaveLength(1);

    await harness.github.postComment(REPO, v3.prNumber, '/pipeline rollback', { by: MAINTAINER });
    await waitForBotComment(harness, v3.prNumber, `Queued: a rollback to \`${v2.sha.slice(0, 7)}\``);
    const rollback = await nextRunOn(v3.prNumber, 1);
    expect(rollback.status, rollback.error ?? '').toBe('succeeded');
    await waitForBotComment(harness, v3.prNumber, `Rolled \`production\` back to \`${v2.sha.slice(0, 7)}\``);

    await harness.github.postComment(REPO, v3.prNumber, '/pipeline deploy', { by: MAINTAINER });
    const redeploy = await nextRunOn(v3.prNumber, 2);
    expect(redeploy.status, redeploy.error ?? '').toBe('succeeded');

    expect(target.deploys.map((d) => [d['version'], d['sha']])).toEqual([
      ['v2', v2.sha],
      ['v3', v3.sha],
      ['v2', v2.sha],
      ['v3', v3.sha],
    ]);
    for (const run of [rollback, redeploy]) {
      const audit = await listAudit(harness.db, { runId: run.id, limit: 100 });
      expect(audit.find((a) => a.action === 'deploy.queued')?.actor).toBe(MAINTAINER);
    }
    harness.github.assertNoViolations();
  }, 180_000);
});
