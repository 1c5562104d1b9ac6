import type { z } from '@hono/zod-openapi';
import type { DeployOfRun, Run, RunEventOf } from '../../../storage/index.js';
import type { PullRequestSchema } from '../schemas.js';

/**
 * The run's pull request from its timeline: the latest `pull_request` event (opened or reused by a
 * development round), out of draft once a later `ready` says so, merged once a merge of it was deployed
 * or a `pull_request_closed` event says so.
 */
export function readPullRequest(
  run: Run,
  events: {
    pullRequest: readonly RunEventOf<'pull_request'>[];
    ready: readonly RunEventOf<'ready'>[];
    pushed: readonly RunEventOf<'pushed'>[];
    closed: readonly RunEventOf<'pull_request_closed'>[];
  },
  deploys: readonly DeployOfRun[],
): z.infer<typeof PullRequestSchema> | null {
  const opened = events.pullRequest.at(-1);
  const number = opened?.data.number ?? run.prNumber;
  if (number === null) return null;
  const closed = events.closed.filter((e) => e.data.number === number).at(-1);
  const merged =
    (closed?.data.merged ?? false) ||
    deploys.some((d) => d.purpose === 'merge' && d.prNumber === number && d.issueRunId === run.id);
  const afterOpened = (e: { id: number }) => opened === undefined || e.id > opened.id;
  // The pipeline opens every pull request as a draft; an older event does not say.
  const draft = events.ready.some(afterOpened) ? false : (opened?.data.draft ?? true);
  return {
    number,
    url: opened?.data.url ?? null,
    title: opened?.data.title ?? null,
    state: merged || closed ? 'closed' : 'open',
    draft,
    merged,
    headBranch: opened?.data.headBranch ?? run.branch,
    headSha: opened?.data.headSha ?? events.pushed.at(-1)?.data.headSha ?? null,
  };
}
