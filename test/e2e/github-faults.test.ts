import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, MAINTAINER, REPO, type Harness } from './harness.js';
import { intake } from './scripts/builders.js';

const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

describe('GitHub answering badly', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function askQuestion(harness: Harness) {
    const issue = await harness.github.openIssue(REPO, { title: 'What does sum do?', user: MAINTAINER });
    await harness.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    return { issue, run: await harness.waitForRun(issue.number, ['succeeded', 'failed'], 60_000) };
  }

  it('with a 502 is retried, and the run goes on with one status comment', async () => {
    h = await startHarness({ script: { conversations: [intake('question', 'It adds two numbers.')] } });
    h.github.failNext({ method: 'POST', path: COMMENTS, status: 502, count: 1 });
    const { issue, run } = await askQuestion(h);
    expect(run.status, run.error ?? '').toBe('succeeded');
    const failed = h.github.requests.filter((r) => r.method === 'POST' && r.status === 502);
    expect(failed).toHaveLength(1);
    const comments = h.github.comments(REPO, issue.number).filter((c) => c.user === h?.github.app.botLogin);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('It adds two numbers.');
  }, 90_000);

  it("with its secondary rate limit is waited out as GitHub's retry-after asks", async () => {
    h = await startHarness({
      env: { GITHUB_THROTTLE: 'on' },
      script: { conversations: [intake('question', 'It adds two numbers.')] },
    });
    h.github.failNext({
      method: 'POST',
      path: COMMENTS,
      status: 403,
      secondaryRateLimit: true,
      retryAfter: 1,
      count: 1,
    });
    const { issue, run } = await askQuestion(h);
    expect(run.status, run.error ?? '').toBe('succeeded');
    expect(h.github.requests.filter((r) => r.method === 'POST' && r.status === 403)).toHaveLength(1);
    expect(
      h.github.comments(REPO, issue.number).filter((c) => c.user === h?.github.app.botLogin),
    ).toHaveLength(1);
  }, 90_000);
});
