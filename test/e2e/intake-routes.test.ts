import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.js';
import type { Harness } from './harness.js';
import { MAINTAINER, REPO, startHarness } from './harness.js';
import { intake } from './scripts/builders.js';

describe('intake', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers a question in the status comment and opens no branch', async () => {
    h = await startHarness({ script: { conversations: [intake('question', '`sum(a, b)` returns a + b.')] } });
    const issue = await h.github.openIssue(REPO, {
      title: 'What does sum do?',
      body: 'Just curious.',
      user: MAINTAINER,
    });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const run = await h.waitForRun(issue.number, ['succeeded', 'failed', 'waiting_input']);
    expect(run.status).toBe('succeeded');
    const [status] = h.github.comments(REPO, issue.number);
    expect(status?.body).toContain('`sum(a, b)` returns a + b.');
    expect(Object.keys(await h.github.branches(REPO))).toEqual(['main']);
    expect(h.github.pullRequests(REPO)).toHaveLength(0);
    h.anthropic.assertScriptDone();
  });

  it('asks for details on an unclear issue, then continues when they come with /pipeline run', async () => {
    h = await startHarness({
      script: {
        conversations: [
          intake('unclear', '- Which function is slow?\n- How slow is it now?'),
          intake('question', 'sum is already O(1).', 'the sum function, 2 s per call'),
        ],
      },
    });
    const issue = await h.github.openIssue(REPO, {
      title: 'Make it faster',
      body: 'It is slow.',
      user: MAINTAINER,
    });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const waiting = await h.waitForRun(issue.number, ['waiting_input', 'failed', 'succeeded']);
    expect(waiting.status).toBe('waiting_input');
    expect(h.github.comments(REPO, issue.number)[0]?.body).toContain('Which function is slow?');

    await h.github.postComment(REPO, issue.number, '/pipeline run the sum function, 2 s per call', {
      by: MAINTAINER,
    });
    await waitFor(
      'the run to finish after the details',
      async () => (await h?.waitForRun(issue.number, ['succeeded', 'failed']))?.id === waiting.id,
    );
    const [status] = h.github.comments(REPO, issue.number).filter((c) => c.user === h?.github.app.botLogin);
    expect(status?.body).toContain('sum is already O(1).');
    expect((await h.runs()).filter((r) => r.issueNumber === issue.number)).toHaveLength(1);
    h.anthropic.assertScriptDone();
  });

  it('reads a huge issue body only up to its limit, and says so to the model', async () => {
    h = await startHarness({ script: { conversations: [intake('question', 'Too long to read whole.')] } });
    const body = `Stack trace follows.\n${'at frame (src/sum.js:1:1)\n'.repeat(12_000)}`;
    const issue = await h.github.openIssue(REPO, { title: 'Huge report', body, user: MAINTAINER });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const run = await h.waitForRun(issue.number, ['succeeded', 'failed']);
    expect(run.status, run.error ?? '').toBe('succeeded');
    const [request] = h.anthropic.requests;
    const sent = JSON.stringify(request?.body);
    expect(sent).toMatch(/\[truncated: \d+ more characters not shown\]/);
    expect(sent.length).toBeLessThan(body.length / 4);
  });
});
