import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGit } from './git/run-git.js';
import { startGitHubTwin, type GitHubTwin } from './github/index.js';
import { startWebhookReceiver, type WebhookReceiver } from './github/testing/webhook-receiver.js';

const REPO = 'acme/app';

describe('git remote served by the GitHub twin', () => {
  let twin: GitHubTwin;
  let receiver: WebhookReceiver;
  let token: string;
  let work: string;
  let installationId: number;

  beforeAll(async () => {
    twin = await startGitHubTwin();
    receiver = await startWebhookReceiver(twin.app.webhookSecret);
    twin.setWebhookTarget(receiver.url);
    const { id } = await twin.createInstallation({ account: 'acme' });
    installationId = id;
    await twin.createRepo({
      owner: 'acme',
      name: 'app',
      installationId: id,
      files: { 'README.md': '# App\n' },
    });
    token = twin.installationToken(id);
    work = await mkdtemp(join(tmpdir(), 'git-twin-test-'));
  });

  afterAll(async () => {
    await twin.close();
    await receiver.close();
    await rm(work, { recursive: true, force: true });
  });

  describe('an app with an installation token', () => {
    it('clones, commits and pushes a branch that then shows up with a push webhook', async () => {
      const dir = join(work, 'clone');
      await runGit(['clone', '--quiet', twin.authenticatedGitUrl(REPO, token), dir]);
      await runGit(['checkout', '--quiet', '-b', 'pipeline/issue-1-fix'], { cwd: dir });
      await writeFile(join(dir, 'fix.txt'), 'fixed\n');
      await runGit(['add', 'fix.txt'], { cwd: dir });
      await runGit(['commit', '--quiet', '-m', 'Fix #1'], { cwd: dir });
      await runGit(['push', '--quiet', 'origin', 'pipeline/issue-1-fix'], { cwd: dir });
      const { stdout: sha } = await runGit(['rev-parse', 'HEAD'], { cwd: dir });

      expect((await twin.branches(REPO))['pipeline/issue-1-fix']).toBe(sha.trim());
      await twin.settle();
      const push = receiver.received.find((r) => r.event === 'push');
      expect(push?.signatureValid).toBe(true);
      expect(push?.payload).toMatchObject({
        ref: 'refs/heads/pipeline/issue-1-fix',
        after: sha.trim(),
        created: true,
      });
    });

    it('pushing again to a branch with an open pull request sends pull_request.synchronize', async () => {
      const dir = join(work, 'clone');
      const { number } = await twin.openPullRequest(REPO, {
        head: 'pipeline/issue-1-fix',
        title: 'Fix',
        by: 'alice',
      });
      await writeFile(join(dir, 'fix.txt'), 'fixed again\n');
      await runGit(['commit', '--quiet', '-am', 'Address review'], { cwd: dir });
      await runGit(['push', '--quiet', 'origin', 'pipeline/issue-1-fix'], { cwd: dir });
      await twin.settle();
      const { stdout: sha } = await runGit(['rev-parse', 'HEAD'], { cwd: dir });
      const sync = receiver.received.find(
        (r) => r.event === 'pull_request' && JSON.stringify(r.payload).includes('"synchronize"'),
      );
      expect(sync?.payload).toMatchObject({ action: 'synchronize', number, after: sha.trim() });
      expect(twin.pullRequests(REPO).find((p) => p.number === number)?.head.sha).toBe(sha.trim());
    });

    it('a merged pull request is a real merge commit on main', async () => {
      const [pull] = twin.pullRequests(REPO);
      await twin.mergePullRequest(REPO, pull?.number ?? 0, { by: 'alice' });
      const dir = join(work, 'fresh');
      await runGit(['clone', '--quiet', twin.authenticatedGitUrl(REPO, token), dir]);
      const { stdout } = await runGit(['log', '--merges', '--format=%s', 'main'], { cwd: dir });
      expect(stdout).toMatch(/^Merge pull request #\d+ from acme\/pipeline\/issue-1-fix/);
      twin.assertNoViolations();
    });
  });

  describe('a repository created with a symlink entry', () => {
    it('commits it as a link (mode 120000) whose blob is the target path', async () => {
      const { gitDir } = await twin.createRepo({
        owner: 'acme',
        name: 'linked',
        installationId,
        files: { 'README.md': '# Linked\n', 'AGENTS.md': { symlinkTo: '/proc/self/environ' } },
      });
      const { stdout } = await runGit(['ls-tree', 'main', 'AGENTS.md'], { cwd: gitDir });
      expect(stdout).toMatch(/^120000 blob /);
      const { stdout: target } = await runGit(['cat-file', '-p', 'main:AGENTS.md'], { cwd: gitDir });
      expect(target).toBe('/proc/self/environ');
    });
  });

  describe('a clone without a token', () => {
    it('fails with 401 and a Basic realm challenge', async () => {
      const response = await fetch(`${twin.gitUrl(REPO)}/info/refs?service=git-upload-pack`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="GitHub"');
      const result = await runGit(['clone', '--quiet', twin.gitUrl(REPO), join(work, 'anon')], {
        allowFailure: true,
      });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/401|Authentication failed|could not read Username/);
    });
  });
});
