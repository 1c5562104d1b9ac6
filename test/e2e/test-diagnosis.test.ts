import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';
import { featureWithFixRound, SUB_DIAGNOSIS, SUB_TEST_LINE } from './scripts/feature-with-fix-round.js';
import { labelNewIssue } from './scripts/steering.js';

describe('a failing test round', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is diagnosed by the testing agent, and development gets the diagnosis instead of the raw output', async () => {
    h = await startHarness({ script: featureWithFixRound });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    h.anthropic.assertScriptDone();
    expect(run.status, run.error ?? '').toBe('succeeded');

    // The testing agent was shown the parsed failure (test name, file:line) and the diff of the change.
    const [diagnosing] = h.anthropic.requests.filter((r) => r.conversation === 'diagnose the failing round');
    const asked = JSON.stringify(diagnosing?.body);
    expect(asked).toContain('sub subtracts');
    expect(asked).toContain(`test/sub.test.js:${SUB_TEST_LINE}`);
    expect(asked).toContain('+  return a + b;');

    // The next development round reads the diagnosis: the test, the assertion and the file:line to look at…
    const [fixing] = h.anthropic.requests.filter((r) => r.conversation === 'develop, fix round');
    const told = JSON.stringify(fixing?.body);
    expect(told).toContain('Test round 1 failed');
    expect(told).toContain(`Failing test: ${SUB_DIAGNOSIS.test}`);
    expect(told).toContain(`Assertion: ${SUB_DIAGNOSIS.assertion}`);
    expect(told).toContain(`Look at: ${SUB_DIAGNOSIS.location}`);
    expect(told).toContain(`Likely cause: ${SUB_DIAGNOSIS.likelyCause}`);
    // …and not the runner's log, which the testing agent did read.
    expect(asked).toContain('ERR_ASSERTION');
    expect(told).not.toContain('ERR_ASSERTION');
    expect(told).not.toContain('# fail 1');
  });
});
