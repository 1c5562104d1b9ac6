import type { Logger } from '../../monitoring/logger.js';
import type { GitHubClient, RepoRef } from '../client.js';
import type { LoadedRepoConfig } from '../operations/load-repo-config.js';
import type { Sender } from '../permissions/sender-policy.js';
import { invalidConfigReply, refusedReply, unreadableConfigReply } from '../replies/messages.js';
import type { WebhookDeps } from '../webhook-deps.js';
import { replyLater } from './acknowledge.js';
import { auditOnce } from './audit-once.js';
import type { Delivery } from './record-once.js';

/** Everything a gate needs to know about the trigger it guards. */
export type TriggerScope = {
  deps: WebhookDeps;
  log: Logger;
  octokit: GitHubClient;
  repo: RepoRef;
  repoFullName: string;
  issueNumber: number;
  delivery: Delivery;
  sender: Sender;
};

/** True when the sender may trigger; otherwise audits the refusal and, for people, replies politely. */
export async function admitSender(scope: TriggerScope): Promise<boolean> {
  const { deps, sender } = scope;
  const decision = await deps.senderPolicy.decide(scope.octokit, scope.repo, sender);
  if (decision.allowed) return true;
  const isNew = await auditOnce(deps.db, scope.delivery, {
    actor: sender.login,
    action: `trigger.refused_${decision.reason}`,
    repoFullName: scope.repoFullName,
    issueNumber: scope.issueNumber,
    detail: { permission: decision.permission, event: scope.delivery.event },
  });
  // Bots get no reply, so two bots can never talk to each other through us.
  if (isNew && decision.reason === 'permission') {
    replyLater(
      deps,
      scope.log,
      scope.octokit,
      scope.repo,
      scope.issueNumber,
      refusedReply(sender.login, decision.permission),
    );
  }
  scope.log.info({ sender: sender.login, reason: decision.reason }, 'trigger refused');
  return false;
}

/** True when the repo's config is valid; otherwise audits and replies naming the bad keys. */
export async function admitConfig(scope: TriggerScope, config: LoadedRepoConfig): Promise<boolean> {
  if (config.ok) return true;
  const body =
    'problems' in config ? invalidConfigReply(config.problems) : unreadableConfigReply(config.unreadable);
  const isNew = await auditOnce(scope.deps.db, scope.delivery, {
    actor: scope.sender.login,
    action: 'trigger.refused_config',
    repoFullName: scope.repoFullName,
    issueNumber: scope.issueNumber,
    detail: 'problems' in config ? { problems: config.problems } : { unreadable: config.unreadable },
  });
  if (isNew) replyLater(scope.deps, scope.log, scope.octokit, scope.repo, scope.issueNumber, body);
  scope.log.info('trigger refused: invalid .github/pipeline.yml');
  return false;
}
