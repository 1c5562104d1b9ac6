import {
  findActiveRun,
  getRun,
  recordRunRequest,
  withTransaction,
  writeAudit,
  type Database,
  type Run,
} from '../../storage/index.js';
import type { RunQueue } from '../../queue/index.js';
import type { Delivery } from './record-once.js';
import { resumeWaitingRun } from './resume-waiting-run.js';
import { enqueueOrDefer } from './enqueue-or-defer.js';
import type { Logger } from '../../monitoring/logger.js';

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
  | { kind: 'queued'; run: Run }
  | { kind: 'resumed'; run: Run }
  | { kind: 'busy'; activeRun: Run }
  | { kind: 'duplicate' };

/**
 * Records the delivery, the run and its audit row in one statement, then enqueues the run. The database's
 * one-active-run-per-issue index makes a second trigger on a busy issue an answer, not a second run —
 * unless the active run is waiting for exactly what this trigger brings (new details, a revised plan).
 * A crash between the insert and the enqueue, or a queue that is down, leaves a `queued` row that the
 * workers' reconciliation enqueues.
 */
export async function acceptRunRequest(
  deps: { db: Database; queue: RunQueue; logger: Logger },
  delivery: Delivery,
  request: RunRequest,
): Promise<RunRequestOutcome> {
  const recorded = await recordRunRequest(deps.db.pool, {
    ...request,
    deliveryId: delivery.id,
    event: delivery.event,
    auditDetail: { trigger: request.trigger, command: request.command },
  });
  if (recorded.kind === 'duplicate') return recorded;
  if (recorded.kind === 'created') {
    await enqueueOrDefer(
      deps.queue,
      { runId: recorded.run.id, reason: 'start', deliveryId: delivery.id },
      deps.logger,
    );
    return { kind: 'queued', run: recorded.run };
  }
  const activeRun = recorded.activeRunId
    ? await getRun(deps.db.pool, recorded.activeRunId)
    : await findActiveRun(deps.db.pool, request.repoFullName, request.issueNumber);
  if (!activeRun)
    throw new Error(`issue ${request.repoFullName}#${request.issueNumber} was busy, but its run is gone`);
  const resumed = await withTransaction(deps.db.pool, async (tx) => {
    const result = await resumeWaitingRun(tx, activeRun, request);
    if (result) {
      await writeAudit(tx, {
        actor: request.sender,
        action: result.action,
        repoFullName: request.repoFullName,
        issueNumber: request.issueNumber,
        runId: result.run.id,
        deliveryId: delivery.id,
      });
    }
    return result;
  });
  if (!resumed) return { kind: 'busy', activeRun };
  await enqueueOrDefer(
    deps.queue,
    { runId: resumed.run.id, reason: 'resume', deliveryId: delivery.id },
    deps.logger,
  );
  return { kind: 'resumed', run: resumed.run };
}
