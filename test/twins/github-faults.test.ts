import { generateKeyPairSync } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { RequestError } from '@octokit/request-error';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubTwin, type GitHubTwin } from './github/index.js';
import { installationOctokit } from './github/testing/app-octokit.js';

const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

describe('GitHub twin fault injection', () => {
  let twin: GitHubTwin;
  let installationId: number;

  beforeAll(async () => {
    twin = await startGitHubTwin();
    installationId = (await twin.createInstallation({ account: 'acme' })).id;
    await twin.createRepo({ owner: 'acme', name: 'faulty', installationId, files: { 'a.txt': 'a\n' } });
    await twin.openIssue('acme/faulty', { title: 'x', user: 'bob' });
  });

  afterAll(async () => {
    await twin.close();
  });

  it('a 502 followed by success is retried by Octokit and the comment is posted once', async () => {
    const octokit = installationOctokit(twin, installationId, { retries: 2 });
    twin.failNext({ method: 'POST', path: COMMENTS, status: 502 });
    await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'faulty',
      issue_number: 1,
      body: 'hello',
    });
    const calls = twin.requests.filter((r) => r.path === '/repos/acme/faulty/issues/1/comments');
    expect(calls.map((c) => c.status)).toEqual([502, 201]);
    expect(twin.comments('acme/faulty', 1).map((c) => c.body)).toEqual(['hello']);
  });

  it("a secondary rate limit is a 403 with GitHub's message and a retry-after header", async () => {
    const octokit = installationOctokit(twin, installationId);
    twin.failNext({ path: COMMENTS, status: 403, secondaryRateLimit: true, retryAfter: 7 });
    const error = await octokit.rest.issues
      .createComment({ owner: 'acme', repo: 'faulty', issue_number: 1, body: 'again' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    const failure = error as RequestError;
    expect(failure.status).toBe(403);
    expect(failure.message).toMatch(/You have exceeded a secondary rate limit/);
    expect(failure.response?.headers['retry-after']).toBe('7');
  });

  it('a slow answer arrives after the delay, unchanged', async () => {
    const octokit = installationOctokit(twin, installationId);
    twin.slowNext({ path: /\/issues\/1$/, delayMs: 150 });
    const started = performance.now();
    const { data } = await octokit.rest.issues.get({ owner: 'acme', repo: 'faulty', issue_number: 1 });
    expect(data.title).toBe('x');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a primary rate limit is a 429 with x-ratelimit-remaining 0', async () => {
    const octokit = installationOctokit(twin, installationId);
    twin.failNext({ method: 'GET', path: '/repos/{owner}/{repo}', status: 429, retryAfter: 3 });
    const error = (await octokit.rest.repos
      .get({ owner: 'acme', repo: 'faulty' })
      .catch((e: unknown) => e)) as RequestError;
    expect(error.status).toBe(429);
    expect(error.response?.headers['x-ratelimit-remaining']).toBe('0');
    expect(error.response?.headers['retry-after']).toBe('3');
  });

  it('an app JWT signed with another key cannot get an installation token', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const impostor = new Octokit({
      baseUrl: twin.url,
      authStrategy: createAppAuth,
      auth: { appId: twin.app.appId, privateKey: pem, installationId },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const error = (await impostor.rest.repos
      .get({ owner: 'acme', repo: 'faulty' })
      .catch((e: unknown) => e)) as RequestError;
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/signature does not match/);
  });

  it('a token the twin never issued is refused with 401', async () => {
    const response = await fetch(`${twin.url}/repos/acme/faulty`, {
      headers: { authorization: 'token ghs_madeup' },
    });
    expect(response.status).toBe(401);
    twin.assertNoViolations();
  });
});
