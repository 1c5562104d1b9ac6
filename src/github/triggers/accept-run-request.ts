import {
  findActiveRun,
  getRun,
  recordRunRequest,
  withTransaction,
  type Database,
  type Run,
  type TransitionEvent,
} from '../../storage/index.js';
import { JOB_AFTER, type EventBus, type RunQueue } from '../../queue/index.js';
import type { Delivery } from './record-once.js';
import { refuseReplay } from './refuse-replay.js';
import { resumeWaitingRun } from './resume-waiting-run.js';
import { enqueueLater } from './enqueue-later.js';
import type { Logger } from '../../monitoring/logger.js';
import type { BackgroundTasks } from '../background-tasks.js';

export type RunRequest = {
  repoFullName: string;
  installationId: number;
  issueNumber: number;
  issueTitle: string;
  trigger: 'label' | 'comment';
  command: 'run' | 'plan';
  instructions: string;
  sender: string;
};

export type RunRequestOutcome =
  | { kind: 'queued'; runId: string }
  | { kind: 'resumed'; run: Run }
  | { kind: 'busy'; activeRun: Run }
  | { kind: 'duplicate' }
  /** The body was recorded before under another delivery id: sent again by whoever captured it. */
  | { kind: 'replay' };

/** The run a trigger queued or resumed, for the log line that says so. */
export function runIdOf(outcome: RunRequestOutcome): string | undefined {
  if (outcome.kind === 'queued') return outcome.runId;
  return outcome.kind === 'resumed' ? outcome.run.id : undefined;
}

type AcceptDeps = {
  db: Database;
  queue: RunQueue;
  bus: EventBus;
  logger: Logger;
  background: BackgroundTasks;
};

/**
 * Records the delivery, the run and its audit row in one statement, then enqueues the run. A delivery id seen
 * before is a duplicate; a body seen before under another delivery id is a replay, audited and otherwise
 * ignored (even when the run it started has ended, it starts no second one). The database's
 * one-active-run-per-issue index makes a second trigger on a busy issue an answer, not a second run —
 * unless the active run is waiting for exactly what this trigger brings (new details, a revised plan).
 *
 * The committed row is the promise to run: GitHub is answered once it is written, and the job is added to
 * the queue in the background. A crash before the job is added, or a queue that is down, leaves a `queued`
 * row that the workers' reconciliation enqueues; so the answer never waits on Redis, and a slow or dead
 * Redis costs a delivery nothing.
 */
export async function acceptRunRequest(
  deps: AcceptDeps,
  delivery: Delivery,
  request: RunRequest,
): Promise<RunRequestOutcome> {
  // The fields are listed, not spread (`...request`): the spread made the web process promote memory on every
  // delivery, which each collection copies while a webhook waits (figures: bench/README.md).
  const { repoFullName, installationId, issueNumber, issueTitle, trigger, command, instructions, sender } =
    request;
  const recorded = await recordRunRequest(deps.db.pool, {
    repoFullName,
    installationId,
    issueNumber,
    issueTitle,
    trigger,
    command,
    instructions,
    sender,
    deliveryId: delivery.id,
    event: delivery.event,
    bodyDigest: delivery.bodyDigest,
    auditDetail: { trigger, command },
  });
  if (recorded.kind === 'duplicate')
    return (await refuseReplay(deps.db.pool, delivery)) ? { kind: 'replay' } : recorded;
  if (recorded.kind === 'created') {
    enqueueLater(deps, { runId: recorded.runId, reason: 'start', deliveryId: delivery.id });
    return { kind: 'queued', runId: recorded.runId };
  }
  const activeRun = recorded.activeRunId
    ? await getRun(deps.db.pool, recorded.activeRunId)
    : await findActiveRun(deps.db.pool, request.repoFullName, request.issueNumber);
  if (!activeRun)
    throw new Error(`issue ${request.repoFullName}#${request.issueNumber} was busy, but its run is gone`);
  const resumed = await withTransaction(deps.db.pool, (tx) =>
    resumeWaitingRun(tx, activeRun, request, delivery.id),
  );
  if (!resumed) return { kind: 'busy', activeRun };
  publishLater(deps, resumed.event);
  // New details and a revised plan (`resume_input`, `replan`) call for the same job.
  enqueueLater(deps, { runId: resumed.run.id, reason: JOB_AFTER.resume_input, deliveryId: delivery.id });
  return { kind: 'resumed', run: resumed.run };
}

/** The live event goes out in the background: a webhook's answer must not wait on the bus. */
function publishLater(deps: AcceptDeps, event: TransitionEvent): void {
  deps.background.run('publish run event', deps.logger, () => deps.bus.publish(event));
}
