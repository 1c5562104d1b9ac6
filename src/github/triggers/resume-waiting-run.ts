import type { PoolClient } from 'pg';
import type { Run } from '../../storage/index.js';
import { applyTransition, updateRun, type AppliedTransition } from '../../storage/index.js';
import type { RunRequest } from './accept-run-request.js';

/**
 * A run that waits for people continues when they answer: `/pipeline run <details>` on a run waiting for
 * input, or `/pipeline plan <changes>` on a run waiting for approval. Returns undefined when the trigger is
 * not such an answer (then the issue is simply busy).
 */
export async function resumeWaitingRun(
  tx: PoolClient,
  active: Run,
  request: RunRequest,
  deliveryId: string,
): Promise<AppliedTransition | undefined> {
  const text = request.instructions.trim();
  if (active.status === 'waiting_input' && request.command === 'run') {
    const instructions = [active.instructions, text].filter(Boolean).join('\n\n');
    await updateRun(tx, active.id, { instructions });
    const applied = await applyTransition(tx, active.id, 'resume_input', {
      actor: request.sender,
      deliveryId,
      message: `more detail from @${request.sender}`,
      data: { text },
    });
    return applied ?? undefined;
  }
  if (active.status === 'waiting_approval' && request.command === 'plan' && text) {
    const applied = await applyTransition(tx, active.id, 'replan', {
      actor: request.sender,
      deliveryId,
      message: `plan changes requested by @${request.sender}`,
      data: { feedback: text },
    });
    return applied ?? undefined;
  }
  return undefined;
}
