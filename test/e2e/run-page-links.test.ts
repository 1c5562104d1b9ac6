import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { REPO, startHarness } from './harness.js';
import { botComments, featureScript, labelNewIssue } from './scripts/steering.js';

const PUBLIC_URL = 'https://pipeline.example.test/';

describe('with PIPELINE_PUBLIC_URL set', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("links the status comment, the pull request and the check run to the run's page", async () => {
    h = await startHarness({ script: featureScript(), env: { PIPELINE_PUBLIC_URL: PUBLIC_URL } });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    const page = `https://pipeline.example.test/runs/${run.id}`;

    const [status] = botComments(h, issue);
    expect(status?.body).toContain(`pipeline run [\`${run.id}\`](${page})`);
    // Every edit of the comment carried the link, from the first.
    expect(status?.history.every((body) => body.includes(`](${page})`))).toBe(true);

    const [pr] = h.github.pullRequests(REPO);
    expect(pr?.body).toContain(`run [\`${run.id}\`](${page})`);

    const checks = h.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) expect(check.detailsUrl).toBe(page);
    h.github.assertNoViolations();
  }, 120_000);
});
