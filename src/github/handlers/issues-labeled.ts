import type { Context } from 'probot';
import { acceptRunRequest, runIdOf } from '../triggers/accept-run-request.js';
import { acknowledge } from '../triggers/acknowledge.js';
import { admitConfig, admitSender } from '../triggers/gate.js';
import { triggerScope } from '../triggers/trigger-scope.js';
import type { WebhookDeps } from '../webhook-deps.js';

/** `issues.labeled` with the trigger label starts a run: label → sender → config → record and enqueue. */
export function handleIssuesLabeled(deps: WebhookDeps) {
  return async (context: Context<'issues.labeled'>): Promise<void> => {
    const { payload } = context;
    if (!payload.label || payload.issue.pull_request) return;
    const repo = context.repo();
    const config = await deps.configLoader.load(context.octokit, repo);
    const label = (config.ok && config.config.trigger_label) || deps.settings.PIPELINE_TRIGGER_LABEL;
    if (payload.label.name !== label) return;

    const scope = triggerScope(deps, {
      id: context.id,
      name: 'issues.labeled',
      octokit: context.octokit,
      log: context.log,
      repo,
      repository: payload.repository,
      number: payload.issue.number,
      sender: payload.sender,
    });
    if (!(await admitSender(scope)) || !(await admitConfig(scope, config)) || !config.ok) return;

    const outcome = await acceptRunRequest({ ...deps, logger: scope.log }, scope.delivery, {
      repoFullName: scope.repoFullName,
      issueNumber: scope.issueNumber,
      installationId: payload.installation?.id ?? 0,
      issueTitle: payload.issue.title,
      trigger: 'label',
      command: config.config.require_approval ? 'plan' : 'run',
      instructions: '',
      sender: scope.sender.login,
    });
    scope.log.info({ outcome: outcome.kind, runId: runIdOf(outcome) }, 'label trigger handled');
    acknowledge(deps, scope.log, context.octokit, repo, { issueNumber: scope.issueNumber }, outcome);
  };
}
