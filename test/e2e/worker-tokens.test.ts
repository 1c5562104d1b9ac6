import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../twins/github/index.js';
import { REPO, startHarness, type Harness } from './harness.js';
import { featureWithFixRound } from './scripts/feature-with-fix-round.js';
import { labelNewIssue } from './scripts/steering.js';

/** Requests the worker made with a token of the given permission, on the run's repository. */
function madeWith(h: Harness, match: (entry: RequestLogEntry) => boolean): RequestLogEntry[] {
  return h.github.requests.filter((entry) => entry.token && match(entry));
}

describe('the tokens a run works with', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('reach only its repository, each with only what its step does', async () => {
    h = await startHarness({ script: featureWithFixRound });
    const issue = await labelNewIssue(h);
    const run = await h.waitForRun(issue, ['succeeded', 'failed', 'waiting_input'], 60_000);
    expect(run.status, run.error ?? '').toBe('succeeded');
    h.github.assertNoViolations();

    const checkRuns = madeWith(h, (r) => r.path === `/repos/${REPO}/check-runs`);
    const pullRequests = madeWith(h, (r) => r.method === 'POST' && r.path === `/repos/${REPO}/pulls`);
    const pushes = madeWith(h, (r) => r.path.endsWith('/git-receive-pack'));
    const statusEdits = madeWith(h, (r) => r.method === 'PATCH' && r.path.includes('/issues/comments/'));
    for (const requests of [checkRuns, pullRequests, pushes, statusEdits]) expect(requests).not.toEqual([]);

    // Every one of them named the run's repository only.
    for (const entry of [...checkRuns, ...pullRequests, ...pushes, ...statusEdits]) {
      expect(entry.token?.repositories, `${entry.method} ${entry.path}`).toEqual([REPO]);
    }
    // The test step reports checks and cannot push; development opens the PR and cannot push with that token
    // either; the push token can push and do nothing else; the status comment needs issues only.
    for (const entry of checkRuns) {
      expect(entry.token?.permissions).toEqual({ metadata: 'read', issues: 'write', checks: 'write' });
    }
    for (const entry of pullRequests) {
      expect(entry.token?.permissions).toEqual({ metadata: 'read', issues: 'write', pull_requests: 'write' });
    }
    for (const entry of pushes) {
      expect(entry.token?.permissions).toEqual({ metadata: 'read', contents: 'write' });
    }
    for (const entry of statusEdits) expect(entry.token?.permissions?.contents).toBeUndefined();
  }, 90_000);
});
