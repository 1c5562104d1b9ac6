import { writeAudit } from '../../storage/index.js';
import { gitHubUnavailableStatus } from '../operations/github-errors.js';
import { gitHubUnavailableReply } from '../replies/messages.js';
import { replyLater } from './acknowledge.js';
import type { TriggerScope } from './gate.js';

/**
 * Runs a check of a trigger that asks GitHub (the sender's permission, the repo's config). When GitHub keeps
 * failing (5xx or rate limit, after Octokit's retries), the person who asked is told on the issue that nothing
 * started and why, and the failure is audited. The error is still thrown: the delivery is not recorded, so it
 * fails on the app's delivery page and a redelivery (or the label added again) is handled afresh.
 */
export async function tellGitHubFailure<T>(
  scope: TriggerScope,
  checking: string,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (error) {
    const status = gitHubUnavailableStatus(error);
    if (status !== undefined && scope.sender.type !== 'Bot') {
      scope.log.warn(
        { err: error, checking, status },
        'GitHub failed while a trigger was checked; told the sender',
      );
      await writeAudit(scope.deps.db.pool, {
        actor: scope.sender.login,
        action: 'trigger.failed_github',
        repoFullName: scope.repoFullName,
        issueNumber: scope.issueNumber,
        deliveryId: scope.delivery.id,
        detail: { checking, status },
      });
      replyLater(
        scope.deps,
        scope.log,
        scope.octokit,
        scope.repo,
        scope.issueNumber,
        gitHubUnavailableReply(checking, status),
      );
    }
    throw error;
  }
}
