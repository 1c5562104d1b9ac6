import type { DeliveryContext } from '../delivery-context.js';
import { reactToComment } from '../operations/comments.js';
import { parseCommand } from '../commands/parse-command.js';
import { requestDeploy } from '../commands/request-deploy.js';
import { steerRun } from '../commands/steer-run.js';
import { CHECKING_CONFIG, CHECKING_PERMISSION, helpReply, unknownCommandReply } from '../replies/messages.js';
import { acceptRunRequest, runIdOf } from '../triggers/accept-run-request.js';
import { acknowledge, replyLater } from '../triggers/acknowledge.js';
import { auditOnce } from '../triggers/audit-once.js';
import { deliverFollowUp } from '../triggers/deliver-follow-up.js';
import { deliverReviewFeedback } from '../triggers/deliver-review-feedback.js';
import { admitConfig, admitSender } from '../triggers/gate.js';
import { tellGitHubFailure } from '../triggers/tell-github-failure.js';
import { triggerScope } from '../triggers/trigger-scope.js';
import type { WebhookDeps } from '../webhook-deps.js';

/** `issue_comment.created`: a `/pipeline` command (parse → sender → command), or a follow-up for an active run. */
export function handleIssueCommentCreated(deps: WebhookDeps) {
  return async (context: DeliveryContext<'issue_comment.created'>): Promise<void> => {
    const { payload } = context;
    const command = parseCommand(payload.comment.body);
    const repo = context.repo();
    const scope = triggerScope(deps, {
      id: context.id,
      bodyDigest: context.bodyDigest,
      name: 'issue_comment.created',
      octokit: context.octokit,
      log: context.log,
      repo,
      repository: payload.repository,
      number: payload.issue.number,
      sender: payload.sender,
    });
    if (!command) {
      await deliverFollowUp(scope, payload.comment.body);
      return;
    }
    // `/pipeline <instructions>` on a PR the pipeline opened is review feedback for its run.
    if (payload.issue.pull_request && command.kind === 'run' && command.instructions) {
      const result = await deliverReviewFeedback(scope, payload.issue.number, {
        kind: 'command',
        author: scope.sender.login,
        body: command.instructions,
      });
      if (result !== 'not_ours') {
        scope.log.info({ result }, 'PR command handled');
        if (result === 'queued' || result === 'delivered') {
          deps.background.runIfRoom('react 👀', scope.log, () =>
            reactToComment(context.octokit, repo, payload.comment.id, 'eyes'),
          );
        }
        return;
      }
    }
    if (!(await tellGitHubFailure(scope, CHECKING_PERMISSION, () => admitSender(scope)))) return;
    const reply = (body: string) =>
      replyLater(deps, scope.log, context.octokit, repo, scope.issueNumber, body);
    const audit = (action: string, detail?: Record<string, unknown>) =>
      auditOnce(deps.db, scope.delivery, {
        actor: scope.sender.login,
        action,
        repoFullName: scope.repoFullName,
        issueNumber: scope.issueNumber,
        detail,
      });

    switch (command.kind) {
      case 'help':
        if (await audit('command.help')) reply(helpReply());
        return;
      case 'unknown':
        if (await audit('command.unknown', { word: command.word }))
          reply(unknownCommandReply(command.word, command.suggestion));
        return;
      case 'status':
      case 'cancel':
      case 'approve':
      case 'retry': {
        const answer = await steerRun(deps, scope.delivery, command.kind, {
          repoFullName: scope.repoFullName,
          issueNumber: scope.issueNumber,
          sender: scope.sender.login,
          writtenAt: new Date(payload.comment.created_at),
        });
        if (answer) reply(answer);
        return;
      }
      case 'deploy':
      case 'rollback': {
        const config = await tellGitHubFailure(scope, CHECKING_CONFIG, () =>
          deps.configLoader.load(context.octokit, repo),
        );
        if (!(await admitConfig(scope, config)) || !config.ok) return;
        const answer = await requestDeploy(scope, command.kind, {
          installationId: payload.installation?.id ?? 0,
          config: config.config,
          octokit: context.octokit,
          isPullRequest: Boolean(payload.issue.pull_request),
          title: payload.issue.title,
        });
        if (answer) reply(answer);
        return;
      }
      case 'run':
      case 'plan': {
        const config = await tellGitHubFailure(scope, CHECKING_CONFIG, () =>
          deps.configLoader.load(context.octokit, repo),
        );
        if (!(await admitConfig(scope, config)) || !config.ok) return;
        const outcome = await acceptRunRequest({ ...deps, logger: scope.log }, scope.delivery, {
          repoFullName: scope.repoFullName,
          issueNumber: scope.issueNumber,
          installationId: payload.installation?.id ?? 0,
          issueTitle: payload.issue.title,
          trigger: 'comment',
          command: command.kind === 'plan' || config.config.require_approval ? 'plan' : 'run',
          instructions: command.kind === 'run' ? command.instructions : command.feedback,
          sender: scope.sender.login,
        });
        scope.log.info({ outcome: outcome.kind, runId: runIdOf(outcome) }, 'comment trigger handled');
        acknowledge(
          deps,
          scope.log,
          context.octokit,
          repo,
          { issueNumber: scope.issueNumber, commentId: payload.comment.id },
          outcome,
        );
        return;
      }
    }
  };
}
