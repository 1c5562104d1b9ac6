import { createRun, writeAudit, type Database, type Run } from '../../storage/index.js';
import { resumeWaitingRun } from './resume-waiting-run.js';
import type { RunQueue } from '../../queue/index.js';
import { recordOnce, type Delivery } from './record-once.js';

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
 * Records a run and its audit row with the delivery in one transaction, then enqueues it. The database's
 * one-active-run-per-issue index makes a second trigger on a busy issue an answer, not a second run —
 * unless the active run is waiting for exactly what this trigger brings (new details, a revised plan).
 * A crash between commit and enqueue leaves a `queued` row that the worker's start-up reconciliation enqueues.
 */
export async function acceptRunRequest(
  deps: { db: Database; queue: RunQueue },
  delivery: Delivery,
  request: RunRequest,
): Promise<RunRequestOutcome> {
  const recorded = await recordOnce(deps.db, delivery, async (tx): Promise<RunRequestOutcome> => {
    const result = await createRun(tx, { ...request, deliveryId: delivery.id });
    if (!result.created) {
      const resumed = await resumeWaitingRun(tx, result.activeRun, request);
      if (resumed) {
        await writeAudit(tx, {
          actor: request.sender,
          action: resumed.action,
          repoFullName: request.repoFullName,
          issueNumber: request.issueNumber,
          runId: resumed.run.id,
          deliveryId: delivery.id,
        });
        return { kind: 'resumed', run: resumed.run };
      }
    }
    await writeAudit(tx, {
      actor: request.sender,
      action: result.created ? 'run.queued' : 'run.refused_busy',
      repoFullName: request.repoFullName,
      issueNumber: request.issueNumber,
      runId: result.created ? result.run.id : result.activeRun.id,
      deliveryId: delivery.id,
      detail: { trigger: request.trigger, command: request.command },
    });
    return result.created ? { kind: 'queued', run: result.run } : { kind: 'busy', activeRun: result.activeRun };
  });
  if (!recorded) return { kind: 'duplicate' };
  const outcome = recorded.value;
  if (outcome.kind === 'queued') await deps.queue.enqueue({ runId: outcome.run.id, reason: 'start', deliveryId: delivery.id });
  if (outcome.kind === 'resumed') await deps.queue.enqueue({ runId: outcome.run.id, reason: 'resume', deliveryId: delivery.id });
  return recorded.value;
}
