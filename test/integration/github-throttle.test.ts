import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createProbot } from '../../src/github/create-probot.js';
import { testLogger } from '../support/test-logger.js';
import { startGitHubTwin } from '../twins/github/index.js';
import type { GitHubTwin } from '../twins/github/twin.js';

describe('GITHUB_THROTTLE', () => {
  let twin: GitHubTwin;
  let installationId: number;
  beforeAll(async () => {
    twin = await startGitHubTwin();
    installationId = (await twin.createInstallation({ account: 'acme' })).id;
    await twin.createRepo({ owner: 'acme', name: 'r', files: { 'README.md': '#\n' }, installationId });
    twin.addUser('maria');
  });
  afterAll(() => twin.close());

  async function twoWritesMs(throttle: 'on' | 'off'): Promise<number> {
    const settings = loadSettings({
      APP_ID: String(twin.app.appId),
      PRIVATE_KEY: twin.app.privateKey,
      WEBHOOK_SECRET: twin.app.webhookSecret,
      GITHUB_API_URL: twin.url,
      GITHUB_THROTTLE: throttle,
    });
    const octokit = await createProbot(settings, testLogger()).auth(installationId);
    const { number } = await twin.openIssue('acme/r', { title: 't', user: 'maria' });
    await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'r',
      issue_number: number,
      body: 'warm-up',
    });
    const started = Date.now();
    await octokit.rest.issues.createComment({ owner: 'acme', repo: 'r', issue_number: number, body: 'one' });
    await octokit.rest.issues.createComment({ owner: 'acme', repo: 'r', issue_number: number, body: 'two' });
    return Date.now() - started;
  }

  it("off: an installation client's writes are not spaced a second apart", async () => {
    expect(await twoWritesMs('off')).toBeLessThan(800);
  });

  it("on: GitHub's one-write-per-second pacing applies", async () => {
    expect(await twoWritesMs('on')).toBeGreaterThanOrEqual(900);
  });
});
