import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createAppAuth as createOctokitAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createAppAuth, type AppAuth } from '../../src/github/app-auth.js';
import { testLogger } from '../support/test-logger.js';
import { startGitHubTwin } from '../twins/github/index.js';
import type { GitHubTwin } from '../twins/github/twin.js';

const git = promisify(execFile);

describe('installation tokens narrowed to one repository and a step’s permissions', () => {
  let twin: GitHubTwin;
  let acme: number;
  let auth: AppAuth;
  beforeAll(async () => {
    twin = await startGitHubTwin();
    acme = (await twin.createInstallation({ account: 'acme' })).id;
    for (const name of ['widgets', 'payroll']) {
      await twin.createRepo({ owner: 'acme', name, files: { 'README.md': '#\n' }, installationId: acme });
    }
    await twin.openIssue('acme/widgets', { title: 'Add multiply', user: 'acme' });
    await twin.openIssue('acme/payroll', { title: 'Salaries', user: 'acme' });
    const settings = loadSettings({
      APP_ID: String(twin.app.appId),
      PRIVATE_KEY: twin.app.privateKey,
      WEBHOOK_SECRET: twin.app.webhookSecret,
      GITHUB_API_URL: twin.url,
      GITHUB_THROTTLE: 'off',
    });
    auth = createAppAuth(settings, testLogger());
  });
  afterAll(() => twin.close());

  const issuesOnWidgets = { repoFullName: 'acme/widgets', permissions: { issues: 'write' } } as const;

  it('reach the run’s repository, and no other repository of the same installation', async () => {
    const client = await auth.installation(acme, issuesOnWidgets);
    const { data } = await client.rest.issues.get({ owner: 'acme', repo: 'widgets', issue_number: 1 });
    expect(data.title).toBe('Add multiply');
    await expect(
      client.rest.issues.get({ owner: 'acme', repo: 'payroll', issue_number: 1 }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      client.rest.issues.createComment({ owner: 'acme', repo: 'payroll', issue_number: 1, body: 'hi' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('can do only what their permissions allow: no check run without `checks: write`', async () => {
    const { data: ref } = await (
      await auth.installation(acme, { repoFullName: 'acme/widgets', permissions: { contents: 'read' } })
    ).rest.git.getRef({ owner: 'acme', repo: 'widgets', ref: 'heads/main' });
    const check = { owner: 'acme', repo: 'widgets', name: 'pipeline/tests', head_sha: ref.object.sha };

    const commenter = await auth.installation(acme, issuesOnWidgets);
    const refused = await commenter.rest.checks.create(check).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      status: 403,
      response: { headers: { 'x-accepted-github-permissions': 'checks=write' } },
    });

    const tester = await auth.installation(acme, {
      repoFullName: 'acme/widgets',
      permissions: { checks: 'write' },
    });
    expect((await tester.rest.checks.create(check)).status).toBe(201);
  });

  it('clone with `contents: read` and push only with `contents: write`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scoped-push-'));
    try {
      const url = (token: string) => twin.authenticatedGitUrl('acme/widgets', token);
      const readToken = await auth.gitToken(acme, {
        repoFullName: 'acme/widgets',
        permissions: { contents: 'read' },
      });
      await git('git', ['clone', '--quiet', url(readToken), dir]);
      await writeFile(join(dir, 'mul.js'), 'export const mul = (a, b) => a * b;\n');
      const commit = [
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.com',
        'commit',
        '--quiet',
        '-am',
        'mul',
      ];
      await git('git', ['add', 'mul.js'], { cwd: dir });
      await git('git', commit, { cwd: dir });

      await expect(
        git('git', ['push', '--quiet', url(readToken), 'HEAD:refs/heads/mul'], { cwd: dir }),
      ).rejects.toThrow(/403/);
      const otherRepo = await auth.gitToken(acme, {
        repoFullName: 'acme/payroll',
        permissions: { contents: 'write' },
      });
      await expect(
        git('git', ['push', '--quiet', url(otherRepo), 'HEAD:refs/heads/mul'], { cwd: dir }),
      ).rejects.toThrow(/not found/i);

      const pushToken = await auth.gitToken(acme, {
        repoFullName: 'acme/widgets',
        permissions: { contents: 'write' },
      });
      await git('git', ['push', '--quiet', url(pushToken), 'HEAD:refs/heads/mul'], { cwd: dir });
      expect(Object.keys(await twin.branches('acme/widgets'))).toContain('mul');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('are minted once per scope and kept, named as GitHub shows them', async () => {
    const before = twin.issuedTokens().length;
    const scope = { repoFullName: 'acme/widgets', permissions: { pull_requests: 'write' } } as const;
    const [a, b] = await Promise.all([auth.gitToken(acme, scope), auth.gitToken(acme, scope)]);
    expect(a).toBe(b);
    expect(await auth.gitToken(acme, scope)).toBe(a);
    expect(twin.issuedTokens().slice(before)).toEqual([
      { repositories: ['acme/widgets'], permissions: { metadata: 'read', pull_requests: 'write' } },
    ]);
  });

  it('are refused by GitHub beyond the installation’s repositories or the app’s permissions', async () => {
    await expect(
      auth.gitToken(acme, { repoFullName: 'globex/ledger', permissions: { contents: 'read' } }),
    ).rejects.toMatchObject({ status: 422 });
    const app = new Octokit({
      baseUrl: twin.url,
      authStrategy: createOctokitAppAuth,
      auth: { appId: twin.app.appId, privateKey: twin.app.privateKey },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await expect(
      app.request('POST /app/installations/{installation_id}/access_tokens', {
        installation_id: acme,
        permissions: { administration: 'write' },
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
