import { appendEvent, findActiveRun, writeAudit } from '../../storage/index.js';
import type { TriggerScope } from './gate.js';
import { recordOnce } from './record-once.js';

/**
 * A plain comment on an issue whose run is active is handed to the running agent at its next step (as an
 * event the nodes read), not lost and not a second run. Only comments of people who may steer runs count;
 * the others are audited and otherwise ignored, without a reply (they did not address the app).
 */
export async function deliverFollowUp(scope: TriggerScope, body: string): Promise<void> {
  if (scope.sender.type === 'Bot') return;
  const run = await findActiveRun(scope.deps.db.pool, scope.repoFullName, scope.issueNumber);
  if (!run || (run.status !== 'running' && run.status !== 'queued')) return;
  const decision = await scope.deps.senderPolicy.decide(scope.octokit, scope.repo, scope.sender);
  await recordOnce(scope.deps.db, scope.delivery, async (tx) => {
    await writeAudit(tx, {
      actor: scope.sender.login,
      action: decision.allowed ? 'run.follow_up' : 'run.follow_up_ignored',
      repoFullName: scope.repoFullName,
      issueNumber: scope.issueNumber,
      runId: run.id,
      deliveryId: scope.delivery.id,
    });
    if (decision.allowed) {
      await appendEvent(tx, {
        runId: run.id,
        type: 'follow_up',
        message: `comment from @${scope.sender.login}`,
        data: { author: scope.sender.login, body },
      });
    }
  });
}
