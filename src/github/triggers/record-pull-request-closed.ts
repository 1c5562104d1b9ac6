import { appendEvent, listEventsOfTypes, toPublished, type Run } from '../../storage/index.js';
import type { WebhookDeps } from '../webhook-deps.js';

/**
 * Puts the closing of a run's pull request (merged or not) on that run's timeline, so the API and the run page
 * know its state without asking GitHub. Once per pull request and outcome: a redelivery adds nothing.
 */
export async function recordPullRequestClosed(
  deps: Pick<WebhookDeps, 'db' | 'bus' | 'background' | 'logger'>,
  run: Run,
  pr: { number: number; merged: boolean },
): Promise<void> {
  const db = deps.db.pool;
  const known = await listEventsOfTypes(db, run.id, ['pull_request_closed']);
  const same = known.some(
    (e) => e.type === 'pull_request_closed' && e.data.number === pr.number && e.data.merged === pr.merged,
  );
  if (same) return;
  const event = await appendEvent(db, {
    runId: run.id,
    type: 'pull_request_closed',
    message: `PR #${pr.number} was ${pr.merged ? 'merged' : 'closed without merging'}`,
    data: pr,
  });
  // A webhook's answer must not wait on the bus.
  deps.background.run('publish run event', deps.logger, () => deps.bus.publish(toPublished(event)));
}
