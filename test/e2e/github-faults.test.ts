import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';
import { startHarness, MAINTAINER, REPO, type Harness } from './harness.js';
import { intake } from './scripts/builders.js';

const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const PERMISSION = '/repos/{owner}/{repo}/collaborators/{username}/permission';

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

  it('while a /pipeline run is checked, even after retries, is told to the person who asked, and starts nothing', async () => {
    h = await startHarness({ worker: false });
    const issue = await h.github.openIssue(REPO, { title: 'Please add multiply', user: MAINTAINER });
    // More failures than Octokit's retries (1 + 3 tries, 14 s of back-off): the permission cannot be checked.
    h.github.failNext({ method: 'GET', path: PERMISSION, status: 502, count: 10 });
    await h.github.postComment(REPO, issue.number, '/pipeline run', { by: MAINTAINER });
    await waitFor(
      'the reply saying GitHub failed',
      () =>
        h?.github
          .comments(REPO, issue.number)
          .some(
            (c) => c.body.includes('GitHub kept answering 502') && c.body.includes('Nothing was started'),
          ) ?? false,
      45_000,
    );
    expect((await h.runs()).filter((r) => r.issueNumber === issue.number)).toHaveLength(0);
    const audit = await listAudit(h.db, { repo: REPO, limit: 50 });
    expect(audit.filter((a) => a.action === 'trigger.failed_github')).toMatchObject([
      { actor: MAINTAINER, issueNumber: issue.number, detail: { status: 502 } },
    ]);
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
