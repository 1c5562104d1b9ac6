import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/storage/index.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';
import { botComments, featureScript } from './scripts/steering.js';

describe('a run started through the HTTP API', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function startRun(body: Record<string, unknown>) {
    const response = await fetch(`${h?.app.web?.url}/api/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('works on the issue like a label would, and a second start while it is active is 409', async () => {
    h = await startHarness({ script: featureScript() });
    const issue = await h.github.openIssue(REPO, {
      title: 'Add a subtract helper',
      body: 'We need `sub(a, b)` next to `sum`.',
      user: MAINTAINER,
    });
    // The harness sets no API token, so the API answers this machine, with full access.
    const started = await startRun({ repo: REPO, issue: issue.number });
    expect(started.status).toBe(201);
    const run = started.body.run as { id: string; status: string; trigger: string };
    expect(run).toMatchObject({ status: 'queued', trigger: 'api' });

    const again = await startRun({ repo: REPO, issue: issue.number });
    expect(again.status).toBe(409);
    expect(String(again.body.detail)).toContain(run.id);

    const done = await h.waitForRun(issue.number, ['succeeded', 'failed'], 60_000);
    expect(done.id).toBe(run.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(h.github.pullRequests(REPO)).toMatchObject([{ draft: false }]);
    expect(botComments(h, issue.number).at(0)?.body).toContain('Pull request ready for review');
    const audit = await listAudit(h.db, { runId: run.id, limit: 20 });
    expect(audit.map((a) => `${a.actor} ${a.action}`)).toContain('api:local run.queued');
    h.anthropic.assertScriptDone();
  }, 90_000);

  it('is 404 with the reason for an issue that does not exist or a repository without the app', async () => {
    h = await startHarness({ worker: false });
    const missing = await startRun({ repo: REPO, issue: 999 });
    expect(missing.status).toBe(404);
    expect(String(missing.body.detail)).toContain('no issue #999');
    const elsewhere = await startRun({ repo: 'someone-else/elsewhere', issue: 1 });
    expect(elsewhere.status).toBe(404);
    expect(String(elsewhere.body.detail)).toContain('not installed');
  });
});
