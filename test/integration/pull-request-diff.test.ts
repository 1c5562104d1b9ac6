import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createProbot } from '../../src/github/create-probot.js';
import {
  createInstallationClients,
  type InstallationClients,
} from '../../src/github/installation-clients.js';
import { pullRequestDiff } from '../../src/github/operations/pull-request-diff.js';
import { testLogger } from '../support/test-logger.js';
import { startGitHubTwin } from '../twins/github/index.js';
import type { GitHubTwin } from '../twins/github/twin.js';

const REPO = 'acme/diffs';

describe("reading a pull request's diff from GitHub", () => {
  let twin: GitHubTwin;
  let clients: InstallationClients;
  let installationId: number;
  let prNumber: number;

  beforeAll(async () => {
    twin = await startGitHubTwin();
    installationId = (await twin.createInstallation({ account: 'acme' })).id;
    await twin.createRepo({
      owner: 'acme',
      name: 'diffs',
      files: { 'README.md': '# Diffs\n' },
      installationId,
    });
    twin.addUser('alice');
    // Three files of 400 lines each: about 30 KB of diff, with a multi-byte character on every line.
    const files = Object.fromEntries(
      ['a', 'b', 'c'].map((name) => [
        `${name}.txt`,
        Array.from({ length: 400 }, (_, i) => `line ${i} of ${name} — ünïcode\n`).join(''),
      ]),
    );
    await twin.commitFiles(REPO, { branch: 'feature/big', files, message: 'Add files', by: 'alice' });
    const pull = await twin.openPullRequest(REPO, {
      head: 'feature/big',
      base: 'main',
      title: 'Big',
      by: 'alice',
    });
    prNumber = pull.number;
    clients = createInstallationClients(
      createProbot(
        loadSettings({
          APP_ID: String(twin.app.appId),
          PRIVATE_KEY: twin.app.privateKey,
          WEBHOOK_SECRET: twin.app.webhookSecret,
          GITHUB_API_URL: twin.url,
          GITHUB_THROTTLE: 'off',
        }),
        testLogger(),
      ),
    );
  });
  afterAll(() => twin.close());

  it('gives the whole diff when it is under the cap', async () => {
    const answer = await pullRequestDiff(clients, { installationId, repoFullName: REPO, prNumber });
    if (!answer.found) throw new Error(answer.reason);
    expect(answer.truncated).toBe(false);
    expect(answer.bytes).toBe(Buffer.byteLength(answer.diff));
    for (const name of ['a', 'b', 'c']) expect(answer.diff).toContain(`+++ b/${name}.txt`);
    expect(answer.diff).toContain('+line 399 of c — ünïcode');
  });

  it('cuts a diff over the cap at a line end, says so, and tells the whole size', async () => {
    const whole = await pullRequestDiff(clients, { installationId, repoFullName: REPO, prNumber });
    if (!whole.found) throw new Error(whole.reason);
    const cut = await pullRequestDiff(clients, { installationId, repoFullName: REPO, prNumber }, 10_001);
    if (!cut.found) throw new Error(cut.reason);
    expect(cut.truncated).toBe(true);
    expect(cut.bytes).toBe(whole.bytes);
    expect(Buffer.byteLength(cut.diff)).toBeLessThanOrEqual(10_001);
    expect(cut.diff.endsWith('\n')).toBe(true);
    expect(whole.diff.startsWith(cut.diff)).toBe(true);
    expect(cut.diff).not.toContain('\uFFFD');
  });

  it('says which pull request GitHub does not know', async () => {
    const answer = await pullRequestDiff(clients, { installationId, repoFullName: REPO, prNumber: 999 });
    expect(answer).toEqual({ found: false, reason: `${REPO} has no pull request #999.` });
  });
});
