import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '../../src/runtime/start-web.js';
import { listAudit } from '../../src/storage/index.js';
import { waitFor } from '../support/wait.js';
import type { Harness } from './harness.js';
import { MAINTAINER, READER, REPO, startHarness } from './harness.js';
import { redeliver } from './redeliver.js';

describe('webhooks reaching the app', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ worker: false, env: { PIPELINE_ALLOWED_BOTS: 'dependabot[bot]' } });
  });
  afterAll(async () => {
    h.github.assertNoViolations();
    await h.close();
  });
  const hookUrl = () => `${h.app.web?.url}${WEBHOOK_PATH}`;

  describe('an issue labeled `pipeline` by a maintainer', () => {
    it('queues exactly one run and reacts with 👀', async () => {
      const issue = await h.github.openIssue(REPO, {
        title: 'Add a subtract helper',
        body: 'We need `sub(a, b)`.',
        user: MAINTAINER,
      });
      const [labeled] = await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
      expect(labeled?.status).toBe(200);
      const run = await h.waitForRun(issue.number, ['queued']);
      expect(run).toMatchObject({
        trigger: 'label',
        sender: MAINTAINER,
        issueTitle: 'Add a subtract helper',
      });
      await waitFor('the 👀 reaction', () =>
        h.github.reactions(REPO, { issue: issue.number }).some((r) => r.content === 'eyes'),
      );
      expect((await h.runs()).filter((r) => r.issueNumber === issue.number)).toHaveLength(1);
      expect((await h.app.core.queue.counts()).waiting).toBeGreaterThanOrEqual(1);
    });

    it('queues nothing when GitHub delivers the same event again', async () => {
      const issue = await h.github.openIssue(REPO, { title: 'Fix the README', user: MAINTAINER });
      await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
      const original = h.github.deliveries.find(
        (d) =>
          d.event === 'issues' &&
          d.action === 'labeled' &&
          d.payload.issue &&
          (d.payload.issue as { number: number }).number === issue.number,
      );
      if (!original) throw new Error('the twin sent no labeled delivery');
      const again = await redeliver(hookUrl(), h.github.app.webhookSecret, original);
      expect(again.status).toBe(200);
      expect((await h.runs()).filter((r) => r.issueNumber === issue.number)).toHaveLength(1);
    });

    it('answers a second trigger on a busy issue instead of starting another run', async () => {
      const issue = await h.github.openIssue(REPO, { title: 'Speed up sum', user: MAINTAINER });
      await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
      await h.github.postComment(REPO, issue.number, '/pipeline run please', { by: MAINTAINER });
      await waitFor('the busy reply', () =>
        h.github.comments(REPO, issue.number).some((c) => c.body.includes('already active')),
      );
      expect((await h.runs()).filter((r) => r.issueNumber === issue.number)).toHaveLength(1);
    });
  });

  describe('a delivery without a valid signature', () => {
    it('gets 401 and leaves no row behind', async () => {
      const before = (await h.runs()).length;
      const payload = { action: 'labeled', issue: { number: 999 } };
      const unsigned = await fetch(hookUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': randomUUID(),
        },
        body: JSON.stringify(payload),
      });
      expect(unsigned.status).toBeGreaterThanOrEqual(400);
      expect(unsigned.status).toBeLessThan(500);
      const forged = await redeliver(hookUrl(), 'not-the-secret', {
        event: 'issues',
        deliveryId: randomUUID(),
        payload,
      });
      expect(forged.status).toBe(401);
      expect(await h.runs()).toHaveLength(before);
    });
  });

  describe('a signed delivery that is not a GitHub event', () => {
    const signedPost = (body: string, headers: Record<string, string>) =>
      fetch(hookUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': `sha256=${createHmac('sha256', h.github.app.webhookSecret).update(body).digest('hex')}`,
          ...headers,
        },
        body,
      });

    it('gets 400 or 415 with the reason, and leaves no row behind', async () => {
      const before = (await h.runs()).length;
      const notJson = await signedPost('action=labeled', {});
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toEqual({ error: 'the body is not a JSON object' });
      expect((await signedPost('[1, 2]', {})).status).toBe(400);
      const noEvent = await signedPost('{"action":"labeled"}', { 'x-github-event': '' });
      expect(noEvent.status).toBe(400);
      expect(await noEvent.text()).toContain('x-github-event');
      const form = await signedPost('{"action":"labeled"}', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(form.status).toBe(415);
      expect(await h.runs()).toHaveLength(before);
    });
  });

  describe('/pipeline run from a read-only user', () => {
    it('is refused with a polite reply, audited, and queues nothing', async () => {
      const issue = await h.github.openIssue(REPO, { title: 'Please add multiply', user: READER });
      await h.github.postComment(REPO, issue.number, '/pipeline run', { by: READER });
      await waitFor('the refusal', () =>
        h.github.comments(REPO, issue.number).some((c) => c.body.includes('only people with write')),
      );
      expect((await h.runs()).filter((r) => r.issueNumber === issue.number)).toHaveLength(0);
      const audit = await listAudit(h.db, { repo: REPO, limit: 50 });
      expect(audit.some((a) => a.actor === READER && a.action === 'trigger.refused_permission')).toBe(true);
    });
  });

  describe("the app's own comment", () => {
    it('never triggers a run, even when it starts with /pipeline', async () => {
      const issue = await h.github.openIssue(REPO, { title: 'Bot loop guard', user: MAINTAINER });
      const delivery = await h.github.postComment(REPO, issue.number, '/pipeline run', {
        by: h.github.app.botLogin,
      });
      expect(delivery.delivery.status).toBe(200);
      await h.github.settle();
      expect((await h.runs()).filter((r) => r.issueNumber === issue.number)).toHaveLength(0);
      expect(h.github.comments(REPO, issue.number)).toHaveLength(1);
    });
  });

  describe('an unknown /pipeline command', () => {
    it('gets a reply listing the commands', async () => {
      const issue = await h.github.openIssue(REPO, { title: 'Typo', user: MAINTAINER });
      await h.github.postComment(REPO, issue.number, '/pipeline stauts', { by: MAINTAINER });
      await waitFor('the help reply', () =>
        h.github
          .comments(REPO, issue.number)
          .some((c) => c.body.includes('Did you mean `/pipeline status`?')),
      );
    });
  });
});

describe('a repository with a malformed .github/pipeline.yml', () => {
  it('gets a comment naming the bad key and no run', async () => {
    const h = await startHarness({
      worker: false,
      files: {
        'README.md': '# x\n',
        '.github/pipeline.yml': 'max_test_rounds: lots\nrequire_aproval: true\n',
      },
    });
    try {
      const issue = await h.github.openIssue(REPO, { title: 'Anything', user: MAINTAINER });
      await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
      await waitFor('the config error comment', () =>
        h.github.comments(REPO, issue.number).some((c) => c.body.includes('is not valid')),
      );
      const [comment] = h.github.comments(REPO, issue.number);
      expect(comment?.body).toContain('`max_test_rounds`');
      expect(comment?.body).toContain('`require_aproval`: is not a known setting');
      expect(await h.runs()).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe("an organisation's .github repository", () => {
  it('gives repositories without their own pipeline.yml its defaults', async () => {
    const h = await startHarness({ worker: false });
    try {
      await h.github.createRepo({
        owner: 'acme',
        name: '.github',
        files: { '.github/pipeline.yml': 'require_approval: true\n' },
        installationId: h.installationId,
      });
      const issue = await h.github.openIssue(REPO, { title: 'Org defaults apply', user: MAINTAINER });
      await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
      const run = await h.waitForRun(issue.number, ['queued']);
      expect(run.command).toBe('plan');
    } finally {
      await h.close();
    }
  });
});

describe('installing the app on an organisation', () => {
  it('asks for the code index of every repository it covers', async () => {
    const h = await startHarness({ worker: false });
    try {
      const installation = await h.github.createInstallation({
        account: 'globex',
        accountType: 'Organization',
      });
      const created = h.github.deliveries.find(
        (d) => d.deliveryId === installation.delivery.deliveryId,
      )?.payload;
      if (!created) throw new Error('the twin sent no installation.created delivery');
      // GitHub lists the repositories an installation covers; the twin's new installation has none, so the
      // delivery is sent again as GitHub would for an installation that selected two repositories.
      const repositories = ['globex/api', 'globex/web'].map((fullName, i) => ({
        id: 900 + i,
        node_id: `R_${900 + i}`,
        name: fullName.split('/')[1],
        full_name: fullName,
        private: false,
      }));
      const delivery = await h.github.deliver('installation', { ...created, repositories });
      expect(delivery.status).toBe(200);
      h.github.assertNoViolations();
      const rows = await h.db.query<{ repo_full_name: string; commit: string }>(
        'SELECT repo_full_name, "commit" FROM index_requests ORDER BY repo_full_name',
      );
      expect(rows.rows).toEqual([
        { repo_full_name: 'globex/api', commit: 'HEAD' },
        { repo_full_name: 'globex/web', commit: 'HEAD' },
      ]);
    } finally {
      await h.close();
    }
  });
});

describe('a label while GitHub answers slowly', () => {
  it('is acknowledged with 202 before GitHub gives up, and its run is still recorded', async () => {
    const h = await startHarness({ worker: false, env: { WEBHOOK_ANSWER_TIMEOUT_MS: '300' } });
    try {
      // The config lookup is the handler's first GitHub call; it answers after 1.5 s.
      h.github.slowNext({ method: 'GET', path: /\/contents\//, delayMs: 1_500 });
      const issue = await h.github.openIssue(REPO, { title: 'Slow GitHub', user: MAINTAINER });
      const started = Date.now();
      const [labeled] = await h.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
      expect(labeled?.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(1_500);
      const run = await h.waitForRun(issue.number, ['queued']);
      expect(run).toMatchObject({ trigger: 'label', sender: MAINTAINER });
      expect(h.logs.some((line) => line.includes('answered 202'))).toBe(true);
    } finally {
      await h.close();
    }
  });
});
