import { findRunByPullRequest, recordDeployRun, type Run } from '../../storage/index.js';
import type { DeliveryContext } from '../delivery-context.js';
import { deployBusyReply, mergedWithoutDeployReply } from '../replies/messages.js';
import { replyLater } from '../triggers/acknowledge.js';
import { auditOnce } from '../triggers/audit-once.js';
import { enqueueLater } from '../triggers/enqueue-later.js';
import { admitConfig } from '../triggers/gate.js';
import { recordOnce } from '../triggers/record-once.js';
import { recordPullRequestClosed } from '../triggers/record-pull-request-closed.js';
import { triggerScope } from '../triggers/trigger-scope.js';
import type { WebhookDeps } from '../webhook-deps.js';

/**
 * A merged pull request is deployed when the repository configures `deploy:` — a PR the pipeline opened, or any
 * PR into the default branch with `deploy.on: any_merge` — by a deploy run recorded and enqueued here. A
 * pipeline PR merged without `deploy:` gets its issue a final comment saying how to deploy. Merging needs write
 * access, so the merge itself is the permission check (a merge queue's bot deploys like a person). A pipeline
 * PR's closing, merged or not, goes on its run's timeline.
 */
export function handlePullRequestClosed(deps: WebhookDeps) {
  return async (context: DeliveryContext<'pull_request.closed'>): Promise<void> => {
    const { payload } = context;
    const pr = payload.pull_request;
    const repo = context.repo();
    const scope = triggerScope(deps, {
      id: context.id,
      bodyDigest: context.bodyDigest,
      name: 'pull_request.closed',
      octokit: context.octokit,
      log: context.log,
      repo,
      repository: payload.repository,
      number: pr.number,
      sender: payload.sender,
    });
    const issueRun = await findRunByPullRequest(deps.db.pool, scope.repoFullName, pr.number);
    if (issueRun) await recordPullRequestClosed(deps, issueRun, { number: pr.number, merged: pr.merged });
    if (!pr.merged || !pr.merge_commit_sha) return;
    const config = await deps.configLoader.load(context.octokit, repo);
    const intoDefault = pr.base.ref === payload.repository.default_branch;
    if (!config.ok) {
      // Only the pipeline's own PRs are answered: any other merge is none of our business until configured.
      if (issueRun) await admitConfig({ ...scope, issueNumber: issueRun.issueNumber }, config);
      return;
    }
    const deploy = config.config.deploy;
    if (!deploy) {
      if (issueRun) await tellNotConfigured(deps, scope, issueRun, pr.number);
      return;
    }
    if (!issueRun && !(deploy.on === 'any_merge' && intoDefault)) return;
    const recorded = await recordOnce(deps.db, scope.delivery, (tx) =>
      recordDeployRun(tx, {
        repoFullName: scope.repoFullName,
        installationId: payload.installation?.id ?? 0,
        issueNumber: issueRun?.issueNumber ?? pr.number,
        issueTitle: issueRun?.issueTitle ?? pr.title,
        sender: scope.sender.login,
        deliveryId: scope.delivery.id,
        sha: pr.merge_commit_sha ?? '',
        prNumber: pr.number,
        issueRunId: issueRun?.id ?? null,
        purpose: 'merge',
        config: config.config,
        deploy,
      }),
    );
    if (!recorded) return;
    const outcome = recorded.value;
    if (outcome.kind === 'busy') {
      const { activeRun } = outcome;
      replyLater(
        deps,
        scope.log,
        scope.octokit,
        repo,
        activeRun.issueNumber,
        deployBusyReply(pr.number, activeRun.id, activeRun.status),
      );
      scope.log.info({ activeRunId: activeRun.id }, 'merge not deployed: the issue has an active run');
      return;
    }
    enqueueLater(
      { ...deps, logger: scope.log },
      { runId: outcome.run.id, reason: 'start', deliveryId: context.id },
    );
    scope.log.info({ runId: outcome.run.id, environment: deploy.environment }, 'deploy queued');
  };
}

/** The issue's final comment when nothing is configured to deploy: merged, and how to deploy next time. */
async function tellNotConfigured(
  deps: WebhookDeps,
  scope: ReturnType<typeof triggerScope>,
  issueRun: Run,
  prNumber: number,
): Promise<void> {
  const isNew = await auditOnce(deps.db, scope.delivery, {
    actor: scope.sender.login,
    action: 'deploy.not_configured',
    repoFullName: scope.repoFullName,
    issueNumber: issueRun.issueNumber,
    runId: issueRun.id,
    detail: { pr: prNumber },
  });
  if (isNew) {
    replyLater(
      deps,
      scope.log,
      scope.octokit,
      scope.repo,
      issueRun.issueNumber,
      mergedWithoutDeployReply(prNumber),
    );
  }
}
