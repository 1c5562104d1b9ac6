import type { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubTwin, type GitHubTwin } from './github/index.js';
import { installationOctokit } from './github/testing/app-octokit.js';

const owner = 'acme';
const repo = 'every';

describe('every endpoint the GitHub twin implements', () => {
  let twin: GitHubTwin;
  let octokit: Octokit;

  beforeAll(async () => {
    twin = await startGitHubTwin();
    const { id } = await twin.createInstallation({ account: owner });
    await twin.createRepo({
      owner,
      name: repo,
      installationId: id,
      files: {
        'src/a.ts': 'a\n',
        'docs/b.md': 'b\n',
        '.github/workflows/deploy.yml':
          'on: workflow_dispatch\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./ship\n',
      },
    });
    await twin.commitFiles(`${owner}/${repo}`, {
      branch: 'topic',
      files: { 'c.ts': 'c\n' },
      message: 'C',
      by: 'dev',
    });
    octokit = installationOctokit(twin, id);
  });

  afterAll(async () => {
    await twin.close();
  });

  it('answers issue, label and reaction calls with bodies that match the OpenAPI description', async () => {
    const { data: issue } = await octokit.rest.issues.create({
      owner,
      repo,
      title: 'T',
      body: 'B',
      labels: ['bug'],
    });
    await octokit.rest.issues.get({ owner, repo, issue_number: issue.number });
    await octokit.rest.issues.update({
      owner,
      repo,
      issue_number: issue.number,
      title: 'T2',
      state: 'closed',
    });
    await octokit.rest.issues.listForRepo({ owner, repo, state: 'all' });
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: issue.number, labels: ['needs-info'] });
    await octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: issue.number });
    await octokit.rest.issues.getLabel({ owner, repo, name: 'bug' });
    await octokit.rest.issues.removeLabel({ owner, repo, issue_number: issue.number, name: 'bug' });
    await octokit.rest.reactions.createForIssue({ owner, repo, issue_number: issue.number, content: '+1' });
    const { data: comment } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body: 'x',
    });
    await octokit.rest.issues.getComment({ owner, repo, comment_id: comment.id });
    twin.assertNoViolations();
  });

  it('answers pull request, review and merge calls with valid bodies', async () => {
    const { data: pull } = await octokit.rest.pulls.create({
      owner,
      repo,
      head: 'topic',
      base: 'main',
      title: 'Topic',
    });
    await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
    await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, body: 'Closes #1' });
    await octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: pull.number,
      event: 'COMMENT',
      body: 'Looks fine',
    });
    await octokit.rest.pulls.listReviews({ owner, repo, pull_number: pull.number });
    const { data: rc } = await octokit.rest.pulls.createReviewComment({
      owner,
      repo,
      pull_number: pull.number,
      body: 'nit',
      commit_id: pull.head.sha,
      path: 'c.ts',
      line: 1,
    });
    await octokit.rest.reactions.createForPullRequestReviewComment({
      owner,
      repo,
      comment_id: rc.id,
      content: 'rocket',
    });
    await octokit.rest.pulls.listReviewComments({ owner, repo, pull_number: pull.number });
    const { data: merge } = await octokit.rest.pulls.merge({ owner, repo, pull_number: pull.number });
    expect(merge.merged).toBe(true);
    expect(twin.pullRequests(`${owner}/${repo}`)[0]).toMatchObject({
      merged: true,
      mergeCommitSha: merge.sha,
    });
    twin.assertNoViolations();
  });

  it('answers repository, ref, check and deployment reads with valid bodies', async () => {
    await octokit.rest.repos.getContent({ owner, repo, path: 'docs' });
    await octokit.rest.repos.listBranches({ owner, repo });
    const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' });
    const { data: run } = await octokit.rest.checks.create({
      owner,
      repo,
      name: 'ci',
      head_sha: ref.object.sha,
    });
    await octokit.rest.checks.get({ owner, repo, check_run_id: run.id });
    await octokit.rest.checks.listAnnotations({ owner, repo, check_run_id: run.id });
    const { data: deployment } = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'main',
      required_contexts: [],
    });
    const deploymentId = 'id' in deployment ? deployment.id : 0;
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: deploymentId,
      state: 'in_progress',
    });
    await octokit.rest.repos.listDeployments({ owner, repo });
    await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: deploymentId });
    await octokit.rest.apps.listReposAccessibleToInstallation();
    await octokit.rest.rateLimit.get();
    twin.assertNoViolations();
  });

  it('answers workflow dispatch and workflow run calls with valid bodies', async () => {
    const dispatched = await octokit.rest.actions.createWorkflowDispatch({
      owner,
      repo,
      workflow_id: 'deploy.yml',
      ref: 'main',
      inputs: { ref: 'abc' },
      return_run_details: true,
    });
    const runId = (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id;
    await octokit.rest.actions.listWorkflowRuns({
      owner,
      repo,
      workflow_id: 'deploy.yml',
      event: 'workflow_dispatch',
    });
    await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId });
    await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId, filter: 'latest' });
    await octokit.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId });
    const { data: cancelled } = await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId });
    expect(cancelled.conclusion).toBe('cancelled');
    await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId });
    twin.assertNoViolations();
  });
});
