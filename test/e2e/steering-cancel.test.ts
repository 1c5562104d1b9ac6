import { afterEach, describe, expect, it } from 'vitest';
import { listSteps } from '../../src/storage/index.js';
import { processesWith } from '../support/processes-with.js';
import { waitFor } from '../support/wait.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import {
  auditTrail,
  botComments,
  eventTypes,
  featureScript,
  labelNewIssue,
  waitForBotComment,
  withConfig,
} from './scripts/steering.js';

/** A test command that would hang for a minute, with an argument no other process on this machine has. */
const SLEEP_ARG = `59.${Math.floor(Math.random() * 900 + 100)}`;
const LONG_TESTS = withConfig(`test: sleep ${SLEEP_ARG}\ntest_timeout_seconds: 120\n`);

describe('a run whose tests take long', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** Labels an issue and waits until the test command is running inside its in-progress check run. */
  async function startLongTests() {
    const harness = await startHarness({ files: LONG_TESTS, script: featureScript() });
    h = harness;
    const issue = await labelNewIssue(harness);
    await waitFor(
      'the pipeline/tests check run in progress',
      () =>
        harness.github.checkRuns(REPO).some((c) => c.name === 'pipeline/tests' && c.status === 'in_progress'),
      20_000,
    );
    await waitFor('the test command to run', async () => (await processesWith(SLEEP_ARG)).length > 0);
    const run = await harness.waitForRun(issue, ['running']);
    return { harness, issue, run };
  }

  it('answers /pipeline status with the current step, the steps so far, tokens and cost', async () => {
    const { harness, issue, run } = await startLongTests();
    await harness.github.postComment(REPO, issue, '/pipeline status', { by: MAINTAINER });
    const answer = await waitForBotComment(harness, issue, `**Pipeline run \`${run.id}\`**`);

    expect(answer).toContain('running, current step: `test`');
    for (const [node, status] of [
      ['intake', 'succeeded'],
      ['plan', 'succeeded'],
      ['develop', 'succeeded'],
      ['test', 'running'],
    ]) {
      expect(answer).toMatch(new RegExp(`\\| ${node} \\| ${status} \\|`));
    }
    const tokens = `Tokens: ${run.inputTokens.toLocaleString('en-US')} in, ${run.outputTokens.toLocaleString('en-US')} out`;
    expect(run.inputTokens).toBeGreaterThan(0);
    expect(answer).toContain(tokens);
    expect(answer).toContain(`cost $${run.costUsd.toFixed(4)}`);
    expect(await auditTrail(harness, run.id)).toContain(`${MAINTAINER} command.status`);
  });

  it('stops at once on /pipeline cancel: the command is killed, the run cancelled, branch and PR kept', async () => {
    const { harness, issue, run } = await startLongTests();
    const cancelledAt = Date.now();
    await harness.github.postComment(REPO, issue, '/pipeline cancel', { by: MAINTAINER });

    await waitFor(
      'the test command to be killed',
      async () => (await processesWith(SLEEP_ARG)).length === 0,
      10_000,
    );
    await waitFor(
      'the status comment to say cancelled',
      () => botComments(harness, issue)[0]?.body.includes('Cancelled') ?? false,
      10_000,
    );
    expect(Date.now() - cancelledAt).toBeLessThan(15_000);
    const ended = await harness.waitForRun(issue, ['cancelled', 'failed', 'succeeded']);
    expect(ended.status).toBe('cancelled');
    await waitForBotComment(harness, issue, `Run \`${run.id}\` is cancelled`);

    const [check] = harness.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(check).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    expect(Object.keys(await harness.github.branches(REPO))).toContain(ended.branch);
    expect(harness.github.pullRequests(REPO)).toMatchObject([{ draft: true, state: 'open' }]);
    const steps = await listSteps(harness.db, run.id);
    expect(steps.map((s) => `${s.node} ${s.status}`)).toEqual([
      'intake succeeded',
      'plan succeeded',
      'develop succeeded',
      'test cancelled',
    ]);

    expect(await auditTrail(harness, run.id)).toContain(`${MAINTAINER} run.cancelled`);
    const events = await eventTypes(harness, run.id);
    expect(events).toContain('cancel_requested');
    expect(events.at(-1)).toBe('node_cancelled');
  });
});
