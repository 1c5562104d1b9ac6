import type { RepoConfigProblem } from '../../config/repo-config.js';

/**
 * Every comment the web side posts. Plain and predictable: what happened, and what the user can type next.
 * The marker lets a resumed run find its own comment instead of posting a second one.
 */
export const runMarker = (runId: string): string => `<!-- agentic-dev-pipeline:run:${runId} -->`;

export const commandHelp = [
  '| Command | What it does |',
  '| --- | --- |',
  '| `/pipeline run [instructions]` | Start a run on this issue (extra instructions optional). |',
  '| `/pipeline plan [changes]` | Plan first and wait for approval, or re-plan with your changes. |',
  '| `/pipeline approve` | Approve the plan of a waiting run. |',
  '| `/pipeline status` | Show the run’s current step, history, tokens and cost. |',
  '| `/pipeline cancel` | Stop the run now (a running command is killed); the branch and PR stay. |',
  '| `/pipeline retry` | Restart a failed or cancelled run from its last good step. |',
  '| `/pipeline deploy` | On a merged pull request: deploy it (again). |',
  '| `/pipeline rollback` | Deploy the environment’s last good deployment again. |',
  '| `/pipeline help` | Show this list. |',
].join('\n');

export function unknownCommandReply(word: string, suggestion?: string): string {
  const hint = suggestion ? ` Did you mean \`/pipeline ${suggestion}\`?` : '';
  return `I don't know the command \`/pipeline ${word}\`.${hint}\n\n${commandHelp}`;
}

export function helpReply(): string {
  return `These are the commands I understand:\n\n${commandHelp}`;
}

export function refusedReply(login: string, permission: string): string {
  return (
    `Sorry @${login}, only people with write, maintain or admin access to this repository can start or steer ` +
    `pipeline runs (your access: ${permission}). Nothing was started. A maintainer can start it with \`/pipeline run\`.`
  );
}

export function busyReply(runId: string, status: string): string {
  return (
    `A pipeline run is already active on this issue (run \`${runId}\`, ${status.replace('_', ' ')}), so I did not ` +
    'start another. Type `/pipeline status` to see it or `/pipeline cancel` to stop it.'
  );
}

export function invalidConfigReply(problems: RepoConfigProblem[]): string {
  const lines = problems.map((p) => `- \`${p.key}\`: ${p.message}`);
  return [
    'I could not start a run because `.github/pipeline.yml` on the default branch is not valid:',
    '',
    ...lines,
    '',
    'Fix the file and add the label again or comment `/pipeline run`.',
  ].join('\n');
}

export function unreadableConfigReply(reason: string): string {
  return (
    `I could not start a run because \`.github/pipeline.yml\` on the default branch could not be read: ${reason}. ` +
    'Fix the file and add the label again or comment `/pipeline run`.'
  );
}

/** What a trigger was being checked for when GitHub failed (completes "while I checked …"). */
export const CHECKING_PERMISSION = 'your permission on this repository';
export const CHECKING_CONFIG = "the repository's `.github/pipeline.yml`";

export function gitHubUnavailableReply(checking: string, status: number): string {
  return (
    `I could not start a run: GitHub kept answering ${status} while I checked ${checking}, even after retrying. ` +
    'Nothing was started. Add the label again or comment `/pipeline run` to try again.'
  );
}

export function noRunReply(command: string): string {
  return `There is no pipeline run on this issue for \`/pipeline ${command}\` to act on. Start one with \`/pipeline run\`.`;
}

/** A moment as people read it in a comment: `2026-11-25 10:00:01 UTC`. */
function readableTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function staleApprovalReply(planPostedAt: Date): string {
  return (
    `This approval was written before the current plan (posted ${readableTime(planPostedAt)}), so I did not ` +
    'approve it. Read the plan and comment `/pipeline approve` again to approve it.'
  );
}

export function staleRetryReply(runId: string, status: string, endedAt: Date): string {
  return (
    `This retry was written before run \`${runId}\` ${status === 'cancelled' ? 'was cancelled' : 'failed'} ` +
    `(${readableTime(endedAt)}), so I did not retry it. Comment \`/pipeline retry\` again to retry it.`
  );
}

export function staleCancelReply(runId: string, createdAt: Date): string {
  return (
    `This cancel was written before run \`${runId}\` started (${readableTime(createdAt)}), so I did not ` +
    'cancel it. Comment `/pipeline cancel` again to cancel it.'
  );
}

/** What to add to `.github/pipeline.yml` to deploy after a merge (the final comment of a merge without `deploy:`). */
export const DEPLOY_HOW_TO = [
  '```yaml',
  'deploy:',
  '  environment: production        # the GitHub environment (default: production)',
  '  command: ./scripts/deploy.sh   # run at the merge commit, in the sandbox, with network',
  '  # or, instead of command: workflow: deploy.yml (dispatched with the inputs ref, environment, pipeline_run_id)',
  '  health_url: https://example.com/healthz',
  '  rollback: previous             # redeploy the last good commit when the deploy or health check fails',
  '```',
].join('\n');

export function mergedWithoutDeployReply(prNumber: number): string {
  return (
    `Merged in #${prNumber}. Nothing was deployed: this repository has no \`deploy:\` in ` +
    '`.github/pipeline.yml`. To deploy after each merge, add:\n\n' +
    DEPLOY_HOW_TO
  );
}

export function deployBusyReply(prNumber: number, runId: string, status: string): string {
  return (
    `#${prNumber} was merged, but I did not deploy it: run \`${runId}\` is still active on this issue ` +
    `(${status.replace('_', ' ')}). Once it has ended, comment \`/pipeline deploy\` on #${prNumber} to deploy it.`
  );
}

export function deployNotConfiguredReply(command: 'deploy' | 'rollback'): string {
  return (
    `I cannot \`/pipeline ${command}\`: this repository has no \`deploy:\` in \`.github/pipeline.yml\`. Add:\n\n` +
    DEPLOY_HOW_TO
  );
}

export const DEPLOY_NEEDS_MERGED_PR =
  '`/pipeline deploy` deploys a merged pull request: comment it on the pull request once it is merged.';

export function nothingToRollBackReply(environment: string): string {
  return `There is no earlier successful deployment of \`${environment}\` to roll back to, so nothing was started.`;
}

export function deployQueuedReply(what: string, environment: string, runId: string): string {
  return `Queued: ${what} to \`${environment}\` (run \`${runId}\`). Its comment will follow how it goes.`;
}
