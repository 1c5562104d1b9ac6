import { afterEach, describe, expect, it } from 'vitest';
import { defaultFiles, REPO, startHarness, type Harness } from './harness.js';
import { DEPLOY_SCRIPT, DeployTarget, mergeChange } from './support/deploy-target.js';

const GRANTED = 'dpl-granted-7f3a9c2e51b8';
const NOT_GRANTED = 'dpl-withheld-4e8d1b6a90c3';

describe('the secrets of a deploy', () => {
  let h: Harness | undefined;
  let target: DeployTarget | undefined;
  afterEach(async () => {
    await h?.close();
    await target?.close();
    h = target = undefined;
  });

  it('reach the deploy command only when granted to its environment, and appear in no event, log line or comment', async () => {
    target = await DeployTarget.start();
    h = await startHarness({
      env: {
        PIPELINE_DEPLOY_SECRETS_PRODUCTION: `DEPLOY_TOKEN, ${'acme/other'}:NOT_GRANTED`,
        PIPELINE_DEPLOY_SECRETS_STAGING: 'NOT_GRANTED',
        DEPLOY_TOKEN: GRANTED,
        NOT_GRANTED,
      },
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
    const { prNumber } = await mergeChange(h, {
      branch: 'release',
      title: 'Release v3',
      files: { VERSION: 'v3\n' },
    });
    const run = await h.waitForRun(prNumber, ['succeeded', 'failed'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');

    // Granted to production for every repository: it arrived. Granted to another repository and to staging only: not.
    expect(target.deploys).toMatchObject([{ version: 'v3', token: GRANTED, notGranted: '' }]);

    // The script printed its token; nothing the app wrote or sent shows it.
    const stored = await h.db.query<{ text: string }>(
      `SELECT concat_ws(' ', type, message, data::text) AS text FROM events
       UNION ALL SELECT concat_ws(' ', action, detail::text) FROM audit_log
       UNION ALL SELECT checkpoint::text FROM checkpoints
       UNION ALL SELECT convert_from(blob, 'UTF8') FROM checkpoint_writes`,
    );
    const written = [
      ...stored.rows.map((r) => r.text),
      ...h.logs,
      ...h.github.comments(REPO, prNumber).map((c) => c.history.join('\n')),
      ...h.github.deployments(REPO).flatMap((d) => d.statuses.map((s) => s.description)),
    ];
    expect(written.length).toBeGreaterThan(20);
    for (const secret of [GRANTED, NOT_GRANTED]) {
      expect(written.filter((text) => text.includes(secret))).toEqual([]);
    }
  }, 120_000);
});
