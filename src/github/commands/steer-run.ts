import {
  applyTransition,
  findLatestRun,
  listSteps,
  writeAudit,
  type Run,
  type TransitionEvent,
} from '../../storage/index.js';
import { JOB_AFTER, type RunJobReason } from '../../queue/index.js';
import { enqueueLater } from '../triggers/enqueue-later.js';
import { recordOnce, type Delivery } from '../triggers/record-once.js';
import type { WebhookDeps } from '../webhook-deps.js';
import { describeRun } from './describe-run.js';
import { noRunReply, staleApprovalReply, staleCancelReply, staleRetryReply } from '../replies/messages.js';
import { writtenBefore } from './written-before.js';

export type SteerCommand = 'status' | 'cancel' | 'approve' | 'retry';

type SteerResult = {
  reply: string;
  /** The job that carries the change out, enqueued once it has committed. */
  enqueue?: { run: Run; reason: RunJobReason };
  /** Published on the live event bus once the change has committed. */
  event?: TransitionEvent;
};

type Target = {
  repoFullName: string;
  issueNumber: number;
  sender: string;
  /** When the command's comment was written (its `created_at`): what the person could have seen. */
  writtenAt: Date;
};

/**
 * Applies `/pipeline status|cancel|approve|retry` to the issue's latest run and returns the reply.
 * The run's row is the truth the worker watches while it works, so cancelling is a status change;
 * approving and retrying enqueue the run again to resume from its checkpoint. The job is enqueued after the
 * commit by the same bounded path as triggers: a queue that is down costs nothing, since the run stays
 * `queued` and the workers' reconciliation enqueues the job its transition calls for.
 * A command counts only for the state it was written against: an approval written before the current plan
 * was posted, a retry written before the run ended, or a cancel written before the run started is refused
 * with a reply asking for the command again (a late or replayed delivery must not approve a plan nobody saw).
 * Undefined for a duplicate or replayed delivery.
 */
export async function steerRun(
  deps: WebhookDeps,
  delivery: Delivery,
  command: SteerCommand,
  target: Target,
): Promise<string | undefined> {
  const recorded = await recordOnce(deps.db, delivery, async (tx): Promise<SteerResult> => {
    const run = await findLatestRun(tx, target.repoFullName, target.issueNumber);
    const audit = (action: string, r?: Run, detail?: Record<string, unknown>) =>
      writeAudit(tx, {
        actor: target.sender,
        action,
        repoFullName: target.repoFullName,
        issueNumber: target.issueNumber,
        runId: r?.id,
        deliveryId: delivery.id,
        detail,
      });
    /** Refuses a command written before `moment`, the change it did not know of. */
    const refuseStale = async (r: Run, moment: Date, reply: string): Promise<SteerResult> => {
      await audit(`command.${command}.stale`, r, {
        writtenAt: target.writtenAt.toISOString(),
        status: r.status,
        since: moment.toISOString(),
      });
      return { reply };
    };
    if (!run) {
      await audit(`command.${command}.no_run`);
      return { reply: noRunReply(command) };
    }
    switch (command) {
      case 'status': {
        await audit('command.status', run);
        return { reply: describeRun(run, await listSteps(tx, run.id)) };
      }
      case 'cancel': {
        if (writtenBefore(target.writtenAt, run.createdAt))
          return refuseStale(run, run.createdAt, staleCancelReply(run.id, run.createdAt));
        const cancelled = await applyTransition(tx, run.id, 'cancel', {
          actor: target.sender,
          deliveryId: delivery.id,
          message: `cancelled by @${target.sender}`,
          error: `cancelled by @${target.sender}`,
          // The status it left is kept in the audit row; the event says where it went, stored and live alike.
          auditDetail: { from: run.status },
        });
        if (!cancelled) {
          await audit('command.cancel.not_active', run);
          return { reply: `Run \`${run.id}\` is already ${run.status}; there is nothing to cancel.` };
        }
        // A worker running the run sees the cancel within a second and stops its command; a run nobody holds
        // (waiting, queued) gets a job only so that a worker updates its status comment.
        return {
          reply: `Run \`${run.id}\` is cancelled. The branch and pull request are left as they are.`,
          event: cancelled.event,
          ...(run.status === 'running' ? {} : { enqueue: { run, reason: 'resume' as const } }),
        };
      }
      case 'approve': {
        if (run.status === 'waiting_approval' && writtenBefore(target.writtenAt, run.statusChangedAt))
          return refuseStale(run, run.statusChangedAt, staleApprovalReply(run.statusChangedAt));
        const approved = await applyTransition(tx, run.id, 'approve', {
          actor: target.sender,
          deliveryId: delivery.id,
          message: `plan approved by @${target.sender}`,
        });
        if (!approved) {
          await audit('command.approve.not_waiting', run);
          return { reply: `Run \`${run.id}\` is ${run.status.replace('_', ' ')}, not waiting for approval.` };
        }
        return {
          event: approved.event,
          reply: `Plan approved by @${target.sender}; run \`${run.id}\` continues.`,
          enqueue: { run, reason: JOB_AFTER.approve },
        };
      }
      case 'retry': {
        const ended = run.status === 'failed' || run.status === 'cancelled';
        if (ended && writtenBefore(target.writtenAt, run.statusChangedAt))
          return refuseStale(
            run,
            run.statusChangedAt,
            staleRetryReply(run.id, run.status, run.statusChangedAt),
          );
        const retried = await applyTransition(tx, run.id, 'retry', {
          actor: target.sender,
          deliveryId: delivery.id,
          message: `retry requested by @${target.sender}`,
        });
        if (!retried) {
          await audit('command.retry.not_ended', run);
          return {
            reply: `Run \`${run.id}\` is ${run.status.replace('_', ' ')}; only a failed or cancelled run can be retried.`,
          };
        }
        return {
          event: retried.event,
          reply: `Retrying run \`${run.id}\` from its last good step.`,
          enqueue: { run, reason: JOB_AFTER.retry },
        };
      }
    }
  });
  if (!recorded) return undefined;
  const { reply, enqueue, event } = recorded.value;
  // In the background: the reply must not wait on the bus or the queue.
  if (event) deps.background.run('publish run event', deps.logger, () => deps.bus.publish(event));
  if (enqueue) {
    enqueueLater(deps, { runId: enqueue.run.id, reason: enqueue.reason, deliveryId: delivery.id });
  }
  return reply;
}
