import type { RepoConfig } from '../../config/repo-config.js';
import { findRunByPullRequest, recordDeployRun, rollbackSha } from '../../storage/index.js';
import type { GitHubClient } from '../client.js';
import {
  DEPLOY_NEEDS_MERGED_PR,
  deployBusyReply,
  deployNotConfiguredReply,
  deployQueuedReply,
  nothingToRollBackReply,
} from '../replies/messages.js';
import { auditOnce } from '../triggers/audit-once.js';
import { enqueueLater } from '../triggers/enqueue-later.js';
import type { TriggerScope } from '../triggers/gate.js';
import { recordOnce } from '../triggers/record-once.js';

type DeployTarget = { sha: string; prNumber: number | null; issueNumber: number; issueRunId: string | null };

/**
 * `/pipeline deploy` (on a merged pull request: deploy its merge commit again) and `/pipeline rollback` (on an
 * issue or pull request: deploy the environment's last good SHA again). The sender was admitted (writers only);
 * the request is recorded through the lifecycle as a deploy run, audited, and enqueued. Returns the reply.
 */
export async function requestDeploy(
  scope: TriggerScope,
  command: 'deploy' | 'rollback',
  input: {
    installationId: number;
    config: RepoConfig;
    octokit: GitHubClient;
    isPullRequest: boolean;
    title: string;
  },
): Promise<string | undefined> {
  const deploy = input.config.deploy;
  const refuse = async (reason: string, reply: string) =>
    (await auditOnce(scope.deps.db, scope.delivery, {
      actor: scope.sender.login,
      action: `command.${command}_refused`,
      repoFullName: scope.repoFullName,
      issueNumber: scope.issueNumber,
      detail: { reason },
    }))
      ? reply
      : undefined;
  if (!deploy) return refuse('not_configured', deployNotConfiguredReply(command));
  const target =
    command === 'deploy'
      ? await mergedPullRequest(scope, input)
      : await lastGood(scope, input, deploy.environment);
  if (!target) {
    return command === 'deploy'
      ? refuse('not_merged', DEPLOY_NEEDS_MERGED_PR)
      : refuse('nothing_to_roll_back', nothingToRollBackReply(deploy.environment));
  }
  const recorded = await recordOnce(scope.deps.db, scope.delivery, (tx) =>
    recordDeployRun(tx, {
      repoFullName: scope.repoFullName,
      installationId: input.installationId,
      issueNumber: target.issueNumber,
      issueTitle: input.title,
      sender: scope.sender.login,
      deliveryId: scope.delivery.id,
      sha: target.sha,
      prNumber: target.prNumber,
      issueRunId: target.issueRunId,
      purpose: command === 'deploy' ? 'redeploy' : 'rollback',
      command,
      config: input.config,
      deploy,
    }),
  );
  if (!recorded) return undefined;
  const outcome = recorded.value;
  if (outcome.kind === 'busy') {
    return deployBusyReply(
      target.prNumber ?? target.issueNumber,
      outcome.activeRun.id,
      outcome.activeRun.status,
    );
  }
  enqueueLater(
    { ...scope.deps, logger: scope.log },
    { runId: outcome.run.id, reason: 'start', deliveryId: scope.delivery.id },
  );
  const what =
    command === 'deploy'
      ? `a deploy of \`${target.sha.slice(0, 7)}\``
      : `a rollback to \`${target.sha.slice(0, 7)}\``;
  return deployQueuedReply(what, deploy.environment, outcome.run.id);
}

/** The merge commit of the pull request the command was written on, when it is merged. */
async function mergedPullRequest(
  scope: TriggerScope,
  input: { octokit: GitHubClient; isPullRequest: boolean },
): Promise<DeployTarget | undefined> {
  if (!input.isPullRequest) return undefined;
  const { data: pr } = await input.octokit.rest.pulls.get({ ...scope.repo, pull_number: scope.issueNumber });
  if (!pr.merged || !pr.merge_commit_sha) return undefined;
  const issueRun = await findRunByPullRequest(scope.deps.db.pool, scope.repoFullName, pr.number);
  return {
    sha: pr.merge_commit_sha,
    prNumber: pr.number,
    issueNumber: issueRun?.issueNumber ?? pr.number,
    issueRunId: issueRun?.id ?? null,
  };
}

async function lastGood(
  scope: TriggerScope,
  input: { isPullRequest: boolean },
  environment: string,
): Promise<DeployTarget | undefined> {
  const sha = await rollbackSha(scope.deps.db.pool, { repoFullName: scope.repoFullName, environment });
  if (!sha) return undefined;
  return {
    sha,
    prNumber: input.isPullRequest ? scope.issueNumber : null,
    issueNumber: scope.issueNumber,
    issueRunId: null,
  };
}
