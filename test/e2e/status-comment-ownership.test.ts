import { afterEach, describe, expect, it } from 'vitest';
import { runMarker } from '../../src/github/replies/messages.js';
import { waitFor } from '../support/wait.js';
import { MAINTAINER, READER, REPO, startHarness, type Harness } from './harness.js';
import { intake } from './scripts/builders.js';

const ISSUE = '/repos/{owner}/{repo}/issues/{issue_number}';
const OTHER_BOT = 'helper-bot[bot]';

describe("a run's status comment", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is the app’s own, even when another person and another bot posted its marker first', async () => {
    h = await startHarness({ script: { conversations: [intake('question', 'It adds two numbers.')] } });
    h.github.addUser(OTHER_BOT, { type: 'Bot' });
    // GitHub is slow to hand the worker the issue, so the others' comments land before the worker writes.
    h.github.slowNext({ method: 'GET', path: ISSUE, delayMs: 3_000 });
    const issue = await h.github.openIssue(REPO, { title: 'What does sum do?', user: MAINTAINER });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    let runId = '';
    await waitFor('the run to be recorded', async () => {
      runId = (await h?.runs())?.find((r) => r.issueNumber === issue.number)?.id ?? '';
      return runId !== '';
    });
    const decoy = `${runMarker(runId)}\nThis comment will be edited by the pipeline.`;
    const byBot = await h.github.postComment(REPO, issue.number, decoy, { by: OTHER_BOT });
    const byPerson = await h.github.postComment(REPO, issue.number, decoy, { by: READER });

    const run = await h.waitForRun(issue.number, ['succeeded', 'failed'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    const comments = h.github.comments(REPO, issue.number);
    const own = comments.filter((c) => c.user === h?.github.app.botLogin);
    expect(own).toHaveLength(1);
    expect(own[0]?.body).toContain('It adds two numbers.');
    expect(run.statusCommentId).toBe(own[0]?.id);
    for (const theirs of [byBot, byPerson]) {
      expect(comments.find((c) => c.id === theirs.id)?.history).toEqual([decoy]);
    }
  }, 90_000);
});
