import type { DeliveryContext } from '../delivery-context.js';
import { acceptRunRequest, runIdOf } from '../triggers/accept-run-request.js';
import { acknowledge } from '../triggers/acknowledge.js';
import { admitConfig, admitSender } from '../triggers/gate.js';
import { CHECKING_CONFIG, CHECKING_PERMISSION } from '../replies/messages.js';
import { tellGitHubFailure } from '../triggers/tell-github-failure.js';
import { triggerScope } from '../triggers/trigger-scope.js';
import type { WebhookDeps } from '../webhook-deps.js';

/** `issues.labeled` with the trigger label starts a run: label → sender → config → record and enqueue. */
export function handleIssuesLabeled(deps: WebhookDeps) {
  return async (context: DeliveryContext<'issues.labeled'>): Promise<void> => {
    const { payload } = context;
    if (!payload.label || payload.issue.pull_request) return;
    const repo = context.repo();
    const scope = triggerScope(deps, {
      id: context.id,
      bodyDigest: context.bodyDigest,
      name: 'issues.labeled',
      octokit: context.octokit,
      log: context.log,
      repo,
      repository: payload.repository,
      number: payload.issue.number,
      sender: payload.sender,
    });
    const loadConfig = () => deps.configLoader.load(context.octokit, repo);
    // Until the config is read, only the app's own trigger label is known to be a trigger worth a reply.
    const config =
      payload.label.name === deps.settings.PIPELINE_TRIGGER_LABEL
        ? await tellGitHubFailure(scope, CHECKING_CONFIG, loadConfig)
        : await loadConfig();
    const label = (config.ok && config.config.trigger_label) || deps.settings.PIPELINE_TRIGGER_LABEL;
    if (payload.label.name !== label) return;
    if (!(await tellGitHubFailure(scope, CHECKING_PERMISSION, () => admitSender(scope)))) return;
    if (!(await admitConfig(scope, config)) || !config.ok) return;

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
