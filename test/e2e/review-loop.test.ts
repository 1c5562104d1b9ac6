import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, listEvents } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';
import { startHarness, MAINTAINER, READER, REPO, type Harness } from './harness.js';
import { call, develop, intake, plan } from './scripts/builders.js';
import { featureWithFixRound } from './scripts/feature-with-fix-round.js';
import { labelNewIssue } from './scripts/steering.js';

const SUB = 'export const sub = (a, b) => a - b;\n';
const REVIEW = 'Please name the parameters minuend and subtrahend.';

describe('a review comment on the pull request the pipeline opened', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('produces a new commit on the same branch, a new check run, and a reply to that comment', async () => {
    h = await startHarness({
      script: {
        conversations: [
          intake('feature'),
          plan(['Write src/sub.js']),
          develop('Add sub', [call('write_file', { path: 'src/sub.js', content: SUB })]),
          develop(
            'Rename parameters',
            [
              call(
                'replace_in_file',
                {
                  path: 'src/sub.js',
                  oldText: '(a, b) => a - b',
                  newText: '(minuend, subtrahend) => minuend - subtrahend',
                },
                { lastUserIncludes: [REVIEW, 'src/sub.js` line 1'] },
              ),
            ],
            REVIEW,
          ),
        ],
      },
    });
    const issue = await h.github.openIssue(REPO, { title: 'Add a subtract helper', user: MAINTAINER });
    await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    const first = await h.waitForRun(issue.number, ['succeeded', 'failed'], 60_000);
    expect(first.status, first.error ?? '').toBe('succeeded');
    const [pr] = h.github.pullRequests(REPO);
    if (!pr) throw new Error('no PR was opened');
    const firstHead = pr.head.sha;

    // A read-only user's review comment is ignored and audited.
    await h.github.postReviewComment(REPO, pr.number, {
      by: READER,
      path: 'src/sub.js',
      line: 1,
      body: 'Rewrite everything.',
    });
    const comment = await h.github.postReviewComment(REPO, pr.number, {
      by: MAINTAINER,
      path: 'src/sub.js',
      line: 1,
      body: REVIEW,
    });

    await waitFor(
      'the reply to the review comment',
      () => Boolean(h?.github.reviewComments(REPO, pr.number).some((c) => c.inReplyToId === comment.id)),
      60_000,
    );
    const second = await h.waitForRun(issue.number, ['succeeded', 'failed'], 60_000);
    expect(second.id).toBe(first.id);
    expect(second.status, second.error ?? '').toBe('succeeded');
    h.anthropic.assertScriptDone();

    const [updated] = h.github.pullRequests(REPO);
    expect(updated?.head.ref).toBe(pr.head.ref);
    expect(updated?.head.sha).not.toBe(firstHead);
    const checks = h.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(checks.map((c) => c.headSha)).toEqual([firstHead, updated?.head.sha]);
    expect(checks.map((c) => c.conclusion)).toEqual(['success', 'success']);
    const reply = h.github.reviewComments(REPO, pr.number).find((c) => c.inReplyToId === comment.id);
    expect(reply?.body).toContain(`Addressed in ${updated?.head.sha.slice(0, 7)}`);
    const audit = await listAudit(h.db, { runId: first.id, limit: 100 });
    expect(audit.some((a) => a.actor === READER && a.action === 'review.ignored_permission')).toBe(true);
    expect(audit.some((a) => a.actor === MAINTAINER && a.action === 'run.reopened_for_review')).toBe(true);
    h.github.assertNoViolations();
  }, 150_000);

  it('given while the run is still testing, gets a development round of its own once that round ends', async () => {
    h = await startHarness({
      script: {
        conversations: [
          ...(featureWithFixRound.conversations ?? []),
          develop(
            'Rename parameters',
            [
              call('replace_in_file', {
                path: 'src/sub.js',
                oldText: 'sub(a, b)',
                newText: 'sub(minuend, subtrahend)',
              }),
              call('replace_in_file', {
                path: 'src/sub.js',
                oldText: 'return a - b;',
                newText: 'return minuend - subtrahend;',
              }),
            ],
            REVIEW,
          ),
        ],
      },
    });
    // The first round's tests fail; while the testing agent reads the failure, the PR is open and the run
    // is active, so the review comment is recorded on the run without reopening it.
    const diagnosing = h.anthropic.hold({ systemIncludes: 'testing agent' });
    const issueNumber = await labelNewIssue(h);
    await diagnosing.arrived;
    const [pr] = h.github.pullRequests(REPO);
    if (!pr) throw new Error('no PR was opened');
    const comment = await h.github.postReviewComment(REPO, pr.number, {
      by: MAINTAINER,
      path: 'src/sub.js',
      line: 1,
      body: REVIEW,
    });
    const active = await h.waitForRun(issueNumber, ['running']);
    const db = h.db;
    await waitFor(
      'the review comment to be recorded on the run',
      async () => (await listEvents(db, active.id, { type: 'review_feedback' })).length > 0,
    );
    diagnosing.release();

    const run = await h.waitForRun(issueNumber, ['succeeded', 'failed'], 90_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    h.anthropic.assertScriptDone();
    const [feedbackRound] = h.anthropic.requests.filter((r) => r.conversation === 'Rename parameters');
    expect(JSON.stringify(feedbackRound?.body)).toContain(REVIEW);

    // Three development rounds on one branch: the first (tests fail), the fix, the review's.
    const [updated] = h.github.pullRequests(REPO);
    expect(updated?.head.ref).toBe(pr.head.ref);
    const checks = h.github.checkRuns(REPO).filter((c) => c.name === 'pipeline/tests');
    expect(checks.map((c) => c.conclusion)).toEqual(['failure', 'success', 'success']);
    expect(checks.at(-1)?.headSha).toBe(updated?.head.sha);
    const reply = h.github.reviewComments(REPO, pr.number).find((c) => c.inReplyToId === comment.id);
    expect(reply?.body).toContain(`Addressed in ${updated?.head.sha.slice(0, 7)}`);
    const taken = await listEvents(h.db, run.id, { type: 'review_feedback_taken' });
    expect(taken).toHaveLength(1);
    h.github.assertNoViolations();
  }, 150_000);
});
