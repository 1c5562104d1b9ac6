import { afterEach, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { intake } from './scripts/builders.js';

const GATEWAY_PAGE = '<!DOCTYPE html>\n<html><head><title>502</title></head><body>Bad gateway</body></html>';
const COMMENT = '/repos/{owner}/{repo}/issues/comments/{comment_id}';

/** What technical text looks like; none of it belongs in a comment. */
const RAW = [/Unexpected token/, /SyntaxError/, /<html/i, /docs\.github\.com/, /Not Found/, /\bat \S+ \(/];

describe('a run that fails on something technical', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function askQuestion(harness: Harness) {
    const issue = await harness.github.openIssue(REPO, { title: 'What does sum do?', user: MAINTAINER });
    await harness.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const run = await harness.waitForRun(issue.number, ['succeeded', 'failed'], 60_000);
    const comments = harness.github.comments(REPO, issue.number);
    const status = comments.find((c) => c.user === harness.github.app.botLogin);
    const failed = (await listEvents(harness.db, run.id)).find((e) => e.type === 'run_failed');
    return { run, status: status?.body ?? '', failed };
  }

  it("says so in a plain sentence when Claude's API answers with a gateway's HTML page", async () => {
    h = await startHarness({ script: { conversations: [intake('question', 'It adds two numbers.')] } });
    h.anthropic.answerNextWith({ status: 200, contentType: 'application/json', body: GATEWAY_PAGE });
    const { run, status, failed } = await askQuestion(h);

    expect(run.status).toBe('failed');
    expect(status).toContain("the answer from Claude's API could not be read");
    expect(status).toContain('`/pipeline retry`');
    for (const raw of RAW) {
      expect(status).not.toMatch(raw);
      expect(run.error ?? '').not.toMatch(raw);
    }
    // The parser's own words are kept for whoever looks into it.
    expect(failed?.data).toMatchObject({
      detail: { name: 'ModelResponseError', detail: expect.stringContaining('Unexpected token') },
    });
  }, 90_000);

  it('names the step and keeps GitHub’s answer out of the comment when GitHub refuses a call', async () => {
    h = await startHarness({ script: { conversations: [intake('question', 'It adds two numbers.')] } });
    // The intake step's edit of the status comment is refused once; the failure report's edit goes through.
    h.github.failNext({ method: 'PATCH', path: COMMENT, status: 404, count: 1 });
    const { run, status, failed } = await askQuestion(h);

    expect(run.status).toBe('failed');
    expect(status).toContain('The run stopped because of an unexpected error in the `intake` step.');
    expect(status).toContain("The details are in the run's events");
    for (const raw of RAW) expect(status).not.toMatch(raw);
    expect(failed?.data).toMatchObject({
      detail: { status: 404, error: expect.stringContaining('Not Found') },
    });
  }, 90_000);
});
