import type { Logger } from '../../monitoring/logger.js';
import { enqueueOrDefer, type RunJob, type RunQueue } from '../../queue/index.js';
import type { BackgroundTasks } from '../background-tasks.js';

/** `enqueueOrDefer` in the background, so that a webhook's answer or reply never waits on the queue. */
export function enqueueLater(
  deps: { queue: RunQueue; logger: Logger; background: BackgroundTasks },
  job: RunJob,
): void {
  deps.background.run('enqueue run', deps.logger, () => enqueueOrDefer(deps.queue, job, deps.logger));
}
