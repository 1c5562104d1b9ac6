import type { GitHubClient, RepoRef } from '../client.js';
import { postComment, reactToComment, reactToIssue } from '../operations/comments.js';
import { busyReply } from '../replies/messages.js';
import type { WebhookDeps } from '../webhook-deps.js';
import type { RunRequestOutcome } from './accept-run-request.js';
import type { Logger } from '../../monitoring/logger.js';

export type TriggerSource = { issueNumber: number; commentId?: number };

/**
 * Answers a trigger on GitHub after the webhook has been acknowledged: 👀 on what triggered it, and the reason
 * when nothing started. The run's status comment is posted by the worker that picks the run up, so there is
 * exactly one writer of it, even when a run is resumed elsewhere.
 */
export function acknowledge(
  deps: WebhookDeps,
  log: Logger,
  octokit: GitHubClient,
  repo: RepoRef,
  source: TriggerSource,
  outcome: RunRequestOutcome,
): void {
  // Nobody is answered for a replay: whoever sent it again is not the person the body names.
  if (outcome.kind === 'duplicate' || outcome.kind === 'replay') return;
  deps.background.runIfRoom('react 👀', log, () =>
    source.commentId
      ? reactToComment(octokit, repo, source.commentId, 'eyes')
      : reactToIssue(octokit, repo, source.issueNumber, 'eyes'),
  );
  if (outcome.kind === 'busy') {
    deps.background.run('busy reply', log, () =>
      postComment(
        octokit,
        repo,
        source.issueNumber,
        busyReply(outcome.activeRun.id, outcome.activeRun.status),
      ),
    );
  }
}

/** Posts a reply in the background (refusals, help, command answers). */
export function replyLater(
  deps: WebhookDeps,
  log: Logger,
  octokit: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  body: string,
): void {
  deps.background.run('reply', log, () => postComment(octokit, repo, issueNumber, body));
}
