import type { PoolClient } from 'pg';
import { appendEvent, transitionRun, updateRun, type Run } from '../../storage/index.js';
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
): Promise<{ run: Run; action: string } | undefined> {
  const text = request.instructions.trim();
  if (active.status === 'waiting_input' && request.command === 'run') {
    const instructions = [active.instructions, text].filter(Boolean).join('\n\n');
    await updateRun(tx, active.id, { instructions });
    const run = await transitionRun(tx, active.id, { from: ['waiting_input'], to: 'queued' });
    if (!run) return undefined;
    await appendEvent(tx, {
      runId: run.id,
      type: 'input_received',
      message: `more detail from @${request.sender}`,
      data: { text },
    });
    return { run, action: 'run.resumed_with_input' };
  }
  if (active.status === 'waiting_approval' && request.command === 'plan' && text) {
    const run = await transitionRun(tx, active.id, { from: ['waiting_approval'], to: 'queued' });
    if (!run) return undefined;
    await appendEvent(tx, {
      runId: run.id,
      type: 'plan_revision_requested',
      message: `plan changes requested by @${request.sender}`,
      data: { feedback: text },
    });
    return { run, action: 'run.plan_revision_requested' };
  }
  return undefined;
}
