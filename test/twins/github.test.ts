import { RequestError } from '@octokit/request-error';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { Probot } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubTwin, type GitHubTwin } from './github/index.js';
import { installationOctokit } from './github/testing/app-octokit.js';

const REPO = 'acme/widgets';
const DEPLOY_WORKFLOW = [
  'name: Deploy',
  'on:',
  '  workflow_dispatch:',
  '    inputs:',
  '      env: { required: false }',
  'jobs:',
  '  deploy:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - name: Push image',
  '        run: docker push',
  '      - name: Roll out',
  '        run: kubectl apply',
  '',
].join('\n');

describe('GitHub twin REST API', () => {
  let twin: GitHubTwin;
  let octokit: Octokit;
  let issueNumber: number;
  let installationId: number;

  beforeAll(async () => {
    twin = await startGitHubTwin();
    const installation = await twin.createInstallation({ account: 'acme' });
    await twin.createRepo({
      owner: 'acme',
      name: 'widgets',
      installationId: installation.id,
      files: {
        'README.md': '# Widgets\n',
        'src/index.ts': 'export const answer = 42;\n',
        '.github/pipeline.yml': 'trigger_label: pipeline\n',
        '.github/workflows/deploy.yml': DEPLOY_WORKFLOW,
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      },
    });
    twin.addUser('alice');
    twin.setPermission(REPO, 'alice', 'write');
    issueNumber = (await twin.openIssue(REPO, { title: 'Add a widget', body: 'Please', user: 'alice' }))
      .number;
    installationId = installation.id;
    octokit = installationOctokit(twin, installation.id);
  });

  afterAll(async () => {
    await twin.close();
  });

  describe('an app that authenticates with its private key', () => {
    it('reads its own app record with a JWT', async () => {
      const appOctokit = new Octokit({
        baseUrl: twin.url,
        authStrategy: createAppAuth,
        auth: { appId: twin.app.appId, privateKey: twin.app.privateKey },
      });
      const { data } = await appOctokit.rest.apps.getAuthenticated();
      expect(data?.slug).toBe(twin.app.slug);
      const installation = await appOctokit.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'widgets' });
      expect(installation.data.account).toMatchObject({ login: 'acme' });
    });

    it('gets an installation token and reads the repository', async () => {
      const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' });
      expect(data.full_name).toBe(REPO);
      expect(data.default_branch).toBe('main');
      expect(twin.requests.map((r) => r.operationId)).toContain('apps/create-installation-access-token');
    });

    it('reads a file from the default branch through the contents API', async () => {
      const { data } = await octokit.rest.repos.getContent({
        owner: 'acme',
        repo: 'widgets',
        path: 'src/index.ts',
        ref: 'main',
      });
      expect(Array.isArray(data)).toBe(false);
      const file = data as { content: string; encoding: string };
      expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe('export const answer = 42;\n');
    });

    it("sees a collaborator's permission", async () => {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
        owner: 'acme',
        repo: 'widgets',
        username: 'alice',
      });
      expect(data.role_name).toBe('write');
    });
  });

  describe('a Probot app', () => {
    it('authenticates through Probot and reads its YAML config as raw contents', async () => {
      const probot = new Probot({
        appId: twin.app.appId,
        privateKey: twin.app.privateKey,
        secret: twin.app.webhookSecret,
        baseUrl: twin.url,
        logLevel: 'fatal',
      });
      const installationOctokit = await probot.auth(installationId);
      const { config } = await installationOctokit.config.get({
        owner: 'acme',
        repo: 'widgets',
        path: '.github/pipeline.yml',
      });
      expect(config).toEqual({ trigger_label: 'pipeline' });
    });
  });

  describe('comments', () => {
    it('are created, edited with their history kept, and listed', async () => {
      const created = await octokit.rest.issues.createComment({
        owner: 'acme',
        repo: 'widgets',
        issue_number: issueNumber,
        body: 'Planning…',
      });
      await octokit.rest.issues.updateComment({
        owner: 'acme',
        repo: 'widgets',
        comment_id: created.data.id,
        body: 'Plan: step 1',
      });
      const { data } = await octokit.rest.issues.listComments({
        owner: 'acme',
        repo: 'widgets',
        issue_number: issueNumber,
      });
      expect(data.map((c) => c.body)).toEqual(['Plan: step 1']);
      const [stored] = twin.comments(REPO, issueNumber);
      expect(stored?.history).toEqual(['Planning…', 'Plan: step 1']);
      expect(stored?.user).toBe(twin.app.botLogin);
    });

    it('are paginated with Link headers that Octokit follows', async () => {
      const { number } = await twin.openIssue(REPO, { title: 'Busy thread', user: 'alice' });
      for (let i = 0; i < 35; i++) await twin.postComment(REPO, number, `comment ${i}`, { by: 'alice' });
      const all = await octokit.paginate(octokit.rest.issues.listComments, {
        owner: 'acme',
        repo: 'widgets',
        issue_number: number,
        per_page: 20,
      });
      expect(all).toHaveLength(35);
      expect(all.at(-1)?.body).toBe('comment 34');
    });

    it('take reactions', async () => {
      const [comment] = twin.comments(REPO, issueNumber);
      await octokit.rest.reactions.createForIssueComment({
        owner: 'acme',
        repo: 'widgets',
        comment_id: comment?.id ?? 0,
        content: 'eyes',
      });
      expect(twin.reactions(REPO, { commentId: comment?.id ?? 0 })).toEqual([
        { content: 'eyes', user: twin.app.botLogin },
      ]);
    });
  });

  it('lets the app label an issue', async () => {
    await octokit.rest.issues.addLabels({
      owner: 'acme',
      repo: 'widgets',
      issue_number: issueNumber,
      labels: ['pipeline'],
    });
    expect(twin.issues(REPO).find((i) => i.number === issueNumber)?.labels).toEqual(['pipeline']);
  });

  describe('pull requests', () => {
    it('are opened as drafts from a pushed branch and marked ready through GraphQL', async () => {
      await twin.commitFiles(REPO, {
        branch: 'feature/x',
        files: { 'x.ts': 'x\n' },
        message: 'Add x',
        by: 'alice',
      });
      const { data: pull } = await octokit.rest.pulls.create({
        owner: 'acme',
        repo: 'widgets',
        head: 'feature/x',
        base: 'main',
        title: 'Add x',
        body: 'Closes #1',
        draft: true,
      });
      expect(pull.draft).toBe(true);
      const result = await octokit.graphql<{
        markPullRequestReadyForReview: { pullRequest: { isDraft: boolean } };
      }>(
        `mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft number } } }`,
        { id: pull.node_id },
      );
      expect(result.markPullRequestReadyForReview.pullRequest.isDraft).toBe(false);
      expect(twin.pullRequests(REPO).find((p) => p.number === pull.number)?.draft).toBe(false);
      const listed = await octokit.rest.pulls.list({ owner: 'acme', repo: 'widgets', state: 'open' });
      expect(listed.data.map((p) => p.number)).toContain(pull.number);
    });

    it('get reviews, review comments and replies', async () => {
      const [pull] = twin.pullRequests(REPO);
      const number = pull?.number ?? 0;
      const review = await twin.submitReview(REPO, number, {
        by: 'alice',
        state: 'CHANGES_REQUESTED',
        body: 'Rename x',
      });
      expect(review.id).toBeGreaterThan(0);
      const comment = await twin.postReviewComment(REPO, number, {
        by: 'alice',
        path: 'x.ts',
        line: 1,
        body: 'Why x?',
      });
      await octokit.rest.pulls.createReplyForReviewComment({
        owner: 'acme',
        repo: 'widgets',
        pull_number: number,
        comment_id: comment.id,
        body: 'Renamed.',
      });
      const replies = twin.reviewComments(REPO, number).filter((c) => c.inReplyToId === comment.id);
      expect(replies.map((c) => c.body)).toEqual(['Renamed.']);
    });

    it('are read as a unified diff of what the head branch changed since it left the base', async () => {
      await twin.commitFiles(REPO, {
        branch: 'feature/diff',
        files: { 'src/index.ts': 'export const answer = 43;\n', 'docs/new.md': '# New\n' },
        message: 'Change the answer',
        by: 'alice',
      });
      // The base moving on afterwards is not part of the pull request's diff.
      await twin.commitFiles(REPO, {
        branch: 'main',
        files: { 'README.md': '# Widgets, moved on\n' },
        message: 'Unrelated',
        by: 'alice',
      });
      const { data: pull } = await octokit.rest.pulls.create({
        owner: 'acme',
        repo: 'widgets',
        head: 'feature/diff',
        base: 'main',
        title: 'Change the answer',
      });
      const answer = await octokit.rest.pulls.get({
        owner: 'acme',
        repo: 'widgets',
        pull_number: pull.number,
        mediaType: { format: 'diff' },
      });
      expect(answer.headers['content-type']).toMatch(/^application\/vnd\.github\.diff/);
      const diff = answer.data as unknown as string;
      expect(diff).toContain('diff --git a/src/index.ts b/src/index.ts');
      expect(diff).toContain('-export const answer = 42;\n+export const answer = 43;');
      expect(diff).toContain('+++ b/docs/new.md\n@@ -0,0 +1 @@\n+# New');
      expect(diff).not.toContain('README.md');
    });
  });

  describe('check runs', () => {
    it('keep every update with its annotations', async () => {
      const sha = (await twin.branches(REPO))['main'] ?? '';
      const created = await octokit.rest.checks.create({
        owner: 'acme',
        repo: 'widgets',
        name: 'pipeline/tests',
        head_sha: sha,
        status: 'in_progress',
      });
      await octokit.rest.checks.update({
        owner: 'acme',
        repo: 'widgets',
        check_run_id: created.data.id,
        conclusion: 'failure',
        output: {
          title: '1 test failed',
          summary: 'widgets.test.ts',
          annotations: [
            {
              path: 'src/index.ts',
              start_line: 1,
              end_line: 1,
              annotation_level: 'failure',
              message: 'expected 41',
            },
          ],
        },
      });
      const [run] = twin.checkRuns(REPO, { headSha: sha });
      expect(run?.conclusion).toBe('failure');
      expect(run?.annotations.map((a) => a.message)).toEqual(['expected 41']);
      expect(run?.updates).toHaveLength(2);
      const listed = await octokit.rest.checks.listForRef({ owner: 'acme', repo: 'widgets', ref: 'main' });
      expect(listed.data.total_count).toBe(1);
    });
  });

  describe('deployments', () => {
    it('are created with statuses', async () => {
      const { data } = await octokit.rest.repos.createDeployment({
        owner: 'acme',
        repo: 'widgets',
        ref: 'main',
        environment: 'staging',
        auto_merge: false,
        required_contexts: [],
      });
      const id = 'id' in data ? data.id : 0;
      await octokit.rest.repos.createDeploymentStatus({
        owner: 'acme',
        repo: 'widgets',
        deployment_id: id,
        state: 'success',
        environment_url: 'https://staging.example.com',
      });
      expect(twin.deployments(REPO)).toMatchObject([
        { environment: 'staging', statuses: [{ state: 'success' }] },
      ]);
    });

    it('can dispatch a workflow, whose run goes queued → in progress → completed as scripted', async () => {
      twin.scriptWorkflowRun(REPO, 'deploy.yml', { conclusion: 'failure', failedStep: 'Push image' });
      const dispatched = await octokit.rest.actions.createWorkflowDispatch({
        owner: 'acme',
        repo: 'widgets',
        workflow_id: 'deploy.yml',
        ref: 'main',
        inputs: { env: 'prod' },
        return_run_details: true,
      });
      expect(dispatched.status).toBe(200);
      expect(twin.workflowDispatches(REPO)).toMatchObject([{ workflowId: 'deploy.yml', ref: 'main' }]);
      const [run] = twin.workflowRuns(REPO);
      expect(run).toMatchObject({
        path: '.github/workflows/deploy.yml',
        headBranch: 'main',
        status: 'queued',
      });
      expect(run?.inputs).toEqual({ env: 'prod' });
      const runId = run?.id ?? 0;

      const seen = new Set<string>();
      let ended: { status: string | null; conclusion: string | null } | undefined;
      while (!ended) {
        const { data } = await octokit.rest.actions.getWorkflowRun({
          owner: 'acme',
          repo: 'widgets',
          run_id: runId,
        });
        seen.add(data.status ?? '');
        if (data.status === 'completed') ended = data;
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect([...seen]).toEqual(['queued', 'in_progress', 'completed']);
      expect(ended.conclusion).toBe('failure');
      const { data: jobs } = await octokit.rest.actions.listJobsForWorkflowRun({
        owner: 'acme',
        repo: 'widgets',
        run_id: runId,
      });
      expect(jobs.jobs[0]?.name).toBe('deploy');
      expect(jobs.jobs[0]?.steps?.map((s) => [s.name, s.conclusion])).toEqual([
        ['Set up job', 'success'],
        ['Run actions/checkout@v4', 'success'],
        ['Push image', 'failure'],
        ['Roll out', 'skipped'],
        ['Complete job', 'success'],
      ]);
      // Without run details GitHub answers 204, and the run is found in the workflow's runs.
      const quiet = await octokit.rest.actions.createWorkflowDispatch({
        owner: 'acme',
        repo: 'widgets',
        workflow_id: 'deploy.yml',
        ref: 'main',
      });
      expect(quiet.status).toBe(204);
      const { data: listed } = await octokit.rest.actions.listWorkflowRuns({
        owner: 'acme',
        repo: 'widgets',
        workflow_id: 'deploy.yml',
        event: 'workflow_dispatch',
        branch: 'main',
        actor: twin.app.botLogin,
      });
      expect(listed.workflow_runs.map((r) => r.id)).toEqual([runId + 1, runId]);
    });

    it('refuses to dispatch a workflow the repository does not have, or one without a dispatch trigger', async () => {
      const dispatch = (workflow: string) =>
        octokit.rest.actions
          .createWorkflowDispatch({ owner: 'acme', repo: 'widgets', workflow_id: workflow, ref: 'main' })
          .then(() => 'dispatched')
          .catch((e: unknown) => (e instanceof RequestError ? `${e.status} ${e.message}` : String(e)));
      expect(await dispatch('release.yml')).toMatch(/^404 /);
      expect(await dispatch('ci.yml')).toMatch(/^422 Workflow does not have 'workflow_dispatch' trigger/);
    });

    it('cancels a run in progress, and answers 409 for one that completed', async () => {
      twin.scriptWorkflowRun(REPO, 'deploy.yml', { conclusion: 'success', queuedMs: 0, runningMs: 60_000 });
      const { data } = await octokit.rest.actions.createWorkflowDispatch({
        owner: 'acme',
        repo: 'widgets',
        workflow_id: 'deploy.yml',
        ref: 'main',
        return_run_details: true,
      });
      const runId = (data as unknown as { workflow_run_id: number }).workflow_run_id;
      await octokit.rest.actions.cancelWorkflowRun({ owner: 'acme', repo: 'widgets', run_id: runId });
      const { data: run } = await octokit.rest.actions.getWorkflowRun({
        owner: 'acme',
        repo: 'widgets',
        run_id: runId,
      });
      expect([run.status, run.conclusion]).toEqual(['completed', 'cancelled']);
      const again = await octokit.rest.actions
        .cancelWorkflowRun({ owner: 'acme', repo: 'widgets', run_id: runId })
        .catch((e: unknown) => e);
      expect(again).toMatchObject({ status: 409 });
    });
  });

  it('records no violations for all of the above', () => {
    twin.assertNoViolations();
  });

  describe('a request GitHub would refuse', () => {
    it('is answered 422 and recorded as a violation naming the operation and the field', async () => {
      const before = twin.violations.length;
      const error = await octokit.rest.checks
        .create({ owner: 'acme', repo: 'widgets', name: 'x', head_sha: 'abc', status: 'bogus' as 'queued' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestError);
      expect((error as RequestError).status).toBe(422);
      const added = twin.violations.slice(before);
      expect(added).toContainEqual(
        expect.objectContaining({
          kind: 'request',
          operationId: 'checks/create',
          part: 'body',
          pointer: '/status',
        }),
      );
      expect(() => twin.assertNoViolations()).toThrow(/checks\/create .* body \/status/);
    });

    it('with a missing required field names that field', async () => {
      const before = twin.violations.length;
      const route: string = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
      const error = await octokit
        .request(route, { owner: 'acme', repo: 'widgets', issue_number: issueNumber })
        .catch((e: unknown) => e);
      expect((error as RequestError).status).toBe(422);
      expect(twin.violations.slice(before)).toContainEqual(
        expect.objectContaining({ operationId: 'issues/create-comment', pointer: '/body' }),
      );
    });

    it('to an unknown endpoint gets 404 and is reported', async () => {
      const error = await octokit
        .request('GET /repos/{owner}/{repo}/frobnicate', { owner: 'acme', repo: 'widgets' })
        .catch((e: unknown) => e);
      expect((error as RequestError).status).toBe(404);
      expect(twin.violations).toContainEqual(
        expect.objectContaining({ kind: 'unknown-endpoint', path: '/repos/acme/widgets/frobnicate' }),
      );
    });
  });
});
