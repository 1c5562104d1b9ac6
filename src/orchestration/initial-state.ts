import { repoRef, type GitHubClient } from '../github/client.js';
import { getIssue } from '../github/operations/issues.js';
import type { RepoConfigLoader } from '../github/operations/load-repo-config.js';
import { invalidConfigReply, unreadableConfigReply } from '../github/replies/messages.js';
import type { Run } from '../storage/index.js';
import { RunFailedError } from './errors.js';
import type { RunStateUpdate } from './state.js';

/**
 * Issue bodies beyond this are not kept in the run's state (every checkpoint would carry them). Prompts cut
 * further, and say how much they left out, where `untrusted()` wraps the text.
 */
export const MAX_ISSUE_BODY_CHARS = 100_000;

/**
 * The first state of a run's thread: the issue, the repo config and clone URL as they are now. The config is
 * read with its own read-only client, since it may come from other repositories (`_extends`, the org's `.github`).
 */
export async function initialState(
  { octokit, configReader }: { octokit: GitHubClient; configReader: GitHubClient },
  configLoader: RepoConfigLoader,
  run: Run,
): Promise<RunStateUpdate> {
  const repo = repoRef(run.repoFullName);
  const [issue, config, { data: repository }] = await Promise.all([
    getIssue(octokit, repo, run.issueNumber),
    configLoader.load(configReader, repo),
    octokit.rest.repos.get(repo),
  ]);
  if (!config.ok) {
    throw new RunFailedError(
      'problems' in config ? invalidConfigReply(config.problems) : unreadableConfigReply(config.unreadable),
    );
  }
  const body = issue.body.slice(0, MAX_ISSUE_BODY_CHARS);
  return {
    runId: run.id,
    repoFullName: run.repoFullName,
    installationId: run.installationId,
    cloneUrl: repository.clone_url,
    issue: { ...issue, body },
    instructions: run.instructions ?? undefined,
    requireApproval: run.command === 'plan' || config.config.require_approval,
    config: config.config,
    defaultBranch: repository.default_branch,
    // A thread that ended waiting for input starts again from intake with the new details.
    intent: undefined,
    outcome: undefined,
  };
}
