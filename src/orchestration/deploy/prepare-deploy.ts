import { runPageUrl } from '../run-page-url.js';
import type { GitHubClient, RepoRef } from '../../github/client.js';
import { findCommentWithMarker } from '../../github/operations/comments.js';
import { updateRun, type DeployRequest, type Run } from '../../storage/index.js';
import type { RunDeps } from '../run-deps.js';
import { deployComment, deployView, deployMarker } from './deploy-comment.js';
import type { DeployStateUpdate } from './deploy-state.js';
import { ensureDeployment } from './ensure-deployment.js';

/** What a deploy run has on GitHub before it may start: its comment, and its deployment marked `queued`. */
export type PreparedDeploy = { commentId: number; logUrl: string; deploymentId: number };

/**
 * The deploy run's comment on the issue (found again after a crash by its marker, among the app's own comments)
 * and its GitHub deployment of the merge commit, made once. The comment's URL is the statuses' `log_url` unless
 * the app has a public URL (`PIPELINE_PUBLIC_URL`), whose run page is then linked instead.
 */
export async function prepareDeploy(
  deps: RunDeps,
  octokit: GitHubClient,
  repo: RepoRef,
  run: Run,
  request: DeployRequest,
): Promise<PreparedDeploy> {
  const view = deployView(run.id, request);
  const { commentId, htmlUrl } =
    (await ownComment(deps, octokit, repo, run)) ??
    (await postQueuedComment(octokit, repo, run.issueNumber, deployComment(view, QUEUED_TEXT)));
  if (run.statusCommentId !== commentId)
    await updateRun(deps.db.pool, run.id, { statusCommentId: commentId });
  const logUrl = runPageUrl(deps.settings, run.id) ?? htmlUrl;
  const { id } = await ensureDeployment(deps.db.pool, octokit, repo, {
    runId: run.id,
    role: 'deploy',
    repoFullName: run.repoFullName,
    environment: request.environment,
    sha: request.sha,
    description: describeRequest(request),
    logUrl,
  });
  return { commentId, logUrl, deploymentId: id };
}

const QUEUED_TEXT = '⏳ Queued: waiting for its turn to deploy.';

async function postQueuedComment(
  octokit: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  body: string,
): Promise<{ commentId: number; htmlUrl: string }> {
  const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
  return { commentId: data.id, htmlUrl: data.html_url };
}

async function ownComment(
  deps: RunDeps,
  octokit: GitHubClient,
  repo: RepoRef,
  run: Run,
): Promise<{ commentId: number; htmlUrl: string } | undefined> {
  const app = await deps.botIdentity();
  const id = await findCommentWithMarker(octokit, repo, run.issueNumber, deployMarker(run.id), {
    login: app.name,
    appId: app.appId,
  });
  if (id === undefined) return undefined;
  const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: id });
  return { commentId: id, htmlUrl: data.html_url };
}

/** The first state of a deploy run's thread. */
export function initialDeployState(
  run: Run,
  request: DeployRequest,
  prepared: PreparedDeploy,
  cloneUrl: string,
): DeployStateUpdate {
  return {
    runId: run.id,
    repoFullName: run.repoFullName,
    installationId: run.installationId,
    cloneUrl,
    issueNumber: run.issueNumber,
    prNumber: request.prNumber,
    issueRunId: request.issueRunId,
    environment: request.environment,
    sha: request.sha,
    purpose: request.purpose,
    config: request.config,
    deployConfig: request.deploy,
    logUrl: prepared.logUrl,
    commentId: prepared.commentId,
    deploymentId: prepared.deploymentId,
  };
}

function describeRequest(request: DeployRequest): string {
  if (request.purpose === 'rollback') return `Rollback to ${request.sha.slice(0, 7)}, as asked`;
  return request.prNumber ? `Deploy of #${request.prNumber}` : `Deploy of ${request.sha.slice(0, 7)}`;
}
