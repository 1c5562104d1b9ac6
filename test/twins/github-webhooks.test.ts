import type { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubTwin, type GitHubTwin } from './github/index.js';
import { installationOctokit } from './github/testing/app-octokit.js';
import { startWebhookReceiver, type WebhookReceiver } from './github/testing/webhook-receiver.js';

const REPO = 'acme/hooks';

function lastPayload(receiver: WebhookReceiver, event: string): Record<string, unknown> {
  const found = receiver.received.filter((r) => r.event === event).at(-1);
  if (!found || typeof found.payload !== 'object' || found.payload === null)
    throw new Error(`no ${event} delivery`);
  return { ...found.payload };
}

describe('GitHub twin webhooks', () => {
  let twin: GitHubTwin;
  let receiver: WebhookReceiver;
  let octokit: Octokit;
  let installationId: number;

  beforeAll(async () => {
    twin = await startGitHubTwin();
    receiver = await startWebhookReceiver(twin.app.webhookSecret);
    twin.setWebhookTarget(receiver.url);
    installationId = (await twin.createInstallation({ account: 'acme', by: 'alice' })).id;
    await twin.createRepo({ owner: 'acme', name: 'hooks', installationId, files: { 'README.md': 'hi\n' } });
    twin.setPermission(REPO, 'alice', 'admin');
    octokit = installationOctokit(twin, installationId);
  });

  afterAll(async () => {
    await twin.close();
    await receiver.close();
  });

  it('announce the installation', () => {
    expect(receiver.received[0]).toMatchObject({ event: 'installation', signatureValid: true });
  });

  describe('when a user opens a labeled issue', () => {
    it('sends issues.opened then issues.labeled, signed like GitHub', async () => {
      const { deliveries } = await twin.openIssue(REPO, {
        title: 'Crash',
        body: 'It crashes',
        user: 'alice',
        labels: ['pipeline'],
      });
      expect(deliveries.map((d) => [d.event, d.action, d.status])).toEqual([
        ['issues', 'opened', 202],
        ['issues', 'labeled', 202],
      ]);
      const last = receiver.received.at(-1);
      expect(last?.signatureValid).toBe(true);
      expect(last?.headers['user-agent']).toMatch(/^GitHub-Hookshot\//);
      expect(last?.headers['content-type']).toBe('application/json');
      expect(last?.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(lastPayload(receiver, 'issues')).toMatchObject({
        action: 'labeled',
        label: { name: 'pipeline' },
      });
    });
  });

  describe('when the app comments through the REST API', () => {
    it('sends issue_comment.created from the app bot after answering', async () => {
      await octokit.rest.issues.createComment({
        owner: 'acme',
        repo: 'hooks',
        issue_number: 1,
        body: 'On it',
      });
      await twin.settle();
      const payload = lastPayload(receiver, 'issue_comment');
      expect(payload['sender']).toMatchObject({ login: twin.app.botLogin, type: 'Bot' });
      expect(payload['comment']).toMatchObject({
        body: 'On it',
        performed_via_github_app: { slug: twin.app.slug },
      });
    });
  });

  describe('on a pull request', () => {
    let number: number;

    it('sends opened, review, review comment, and closed with merged true after a real merge', async () => {
      await twin.commitFiles(REPO, {
        branch: 'fix',
        files: { 'fix.txt': 'fixed\n' },
        message: 'Fix',
        by: 'alice',
      });
      number = (
        await twin.openPullRequest(REPO, { head: 'fix', title: 'Fix crash', draft: true, by: 'alice' })
      ).number;
      await twin.submitReview(REPO, number, { by: 'alice', state: 'APPROVED', body: 'LGTM' });
      await twin.postReviewComment(REPO, number, { by: 'alice', path: 'fix.txt', line: 1, body: 'nit' });
      const { deliveries } = await twin.mergePullRequest(REPO, number, { by: 'alice' });
      expect(deliveries.map((d) => `${d.event}.${d.action ?? ''}`)).toEqual(['pull_request.closed', 'push.']);
      expect(lastPayload(receiver, 'pull_request')).toMatchObject({
        action: 'closed',
        pull_request: { merged: true },
      });
      expect(lastPayload(receiver, 'pull_request_review')).toMatchObject({ review: { state: 'approved' } });
      expect(lastPayload(receiver, 'pull_request_review_comment')).toMatchObject({
        comment: { body: 'nit' },
      });
    });

    it('sends check_run.rerequested when a user re-runs the app check', async () => {
      const [pull] = twin.pullRequests(REPO);
      const { data } = await octokit.rest.checks.create({
        owner: 'acme',
        repo: 'hooks',
        name: 'pipeline/tests',
        head_sha: pull?.head.sha ?? '',
      });
      const delivery = await twin.rerequestCheckRun(REPO, data.id, { by: 'alice' });
      expect(delivery).toMatchObject({ event: 'check_run', action: 'rerequested', status: 202 });
    });
  });

  it('validates every payload it sends against GitHub webhook schemas', () => {
    twin.assertNoViolations();
  });

  it('records a raw delivery whose payload GitHub would never send as a violation', async () => {
    const result = await twin.deliver('issues', { action: 'opened', issue: { number: 'one' } });
    expect(result.status).toBe(202);
    expect(twin.violations).toContainEqual(
      expect.objectContaining({ kind: 'webhook-payload', operationId: 'issues.opened' }),
    );
  });
});
