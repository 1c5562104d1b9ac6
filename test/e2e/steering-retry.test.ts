import { afterEach, describe, expect, it } from 'vitest';
import { listSteps } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';
import { SUB_TEST } from './scripts/feature-with-fix-round.js';
import {
  addSub,
  auditTrail,
  botComments,
  eventTypes,
  isSubsequence,
  labelNewIssue,
  waitForBotComment,
  withConfig,
} from './scripts/steering.js';

describe('/pipeline retry', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** Retries the issue's failed run and returns the conversations the twin answered from then on. */
  async function retry(harness: Harness, issue: number) {
    const before = harness.anthropic.requests.length;
    await harness.github.postComment(REPO, issue, '/pipeline retry', { by: MAINTAINER });
    const run = await harness.waitForRun(issue, ['succeeded', 'failed'], 30_000);
    return { run, conversations: harness.anthropic.requests.slice(before).map((r) => r.conversation) };
  }

  it('after a failure in development, goes on from development without asking intake or planning again', async () => {
    // No development conversation in the script: the twin refuses the development agent's first call.
    h = await startHarness({ script: { conversations: [intake('feature'), plan(['Write src/sub.js'])] } });
    const issue = await labelNewIssue(h);
    const failed = await h.waitForRun(issue, ['failed', 'succeeded']);
    expect(failed.status).toBe('failed');
    expect(botComments(h, issue)[0]?.body).toContain('/pipeline retry');

    h.anthropic.load({ conversations: [addSub()] });
    const { run, conversations } = await retry(h, issue);
    expect(run.id).toBe(failed.id);
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(new Set(conversations)).toEqual(new Set(['Add sub']));
    h.anthropic.assertScriptDone();
    await waitForBotComment(h, issue, `Retrying run \`${run.id}\``);

    const steps = await listSteps(h.db, run.id);
    expect(steps.map((s) => `${s.node} ${s.status} #${s.attempt}`)).toEqual([
      'intake succeeded #0',
      'plan succeeded #0',
      'develop failed #0',
      'develop succeeded #1',
      'test succeeded #1',
      'finalize succeeded #1',
    ]);
    const trail = await auditTrail(h, run.id);
    const expected = [
      `${MAINTAINER} run.queued`,
      'app run.started',
      'app run.failed',
      `${MAINTAINER} run.retried`,
      'app run.started',
      'app run.succeeded',
    ];
    expect(isSubsequence(trail, expected), trail.join('\n')).toBe(true);
    expect(await eventTypes(h, run.id)).toContain('retry_requested');
  });

  it('after the last test round failed, gives the same PR one more development round', async () => {
    const wrongSub = develop('Add sub', [
      call('write_file', { path: 'src/sub.js', content: 'export const sub = (a, b) => a + b;\n' }),
      call('write_file', { path: 'test/sub.test.js', content: SUB_TEST }),
    ]);
    h = await startHarness({
      files: withConfig('max_test_rounds: 1\n'),
      script: { conversations: [intake('feature'), plan(), wrongSub] },
    });
    const issue = await labelNewIssue(h);
    const failed = await h.waitForRun(issue, ['failed', 'succeeded'], 30_000);
    expect(failed.error).toContain('The tests still fail after 1 round');

    const fix = develop(
      'Fix sub',
      [call('replace_in_file', { path: 'src/sub.js', oldText: 'a + b', newText: 'a - b' })],
      'Test round 1 failed',
    );
    h.anthropic.load({ conversations: [fix] });
    const { run, conversations } = await retry(h, issue);
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(new Set(conversations)).toEqual(new Set(['Fix sub']));
    h.anthropic.assertScriptDone();
    expect(h.github.pullRequests(REPO)).toMatchObject([{ draft: false }]);
    const checks = h.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(checks.map((c) => c.conclusion)).toEqual(['failure', 'success']);
  });
});
