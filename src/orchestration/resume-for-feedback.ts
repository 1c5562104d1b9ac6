import { z } from 'zod';
import { appendEvent, listEvents, type Run } from '../storage/index.js';
import type { RunDeps } from './run-deps.js';
import type { RunGraph } from './run-graph.js';
import { reviewFeedbackSchema, type ReviewFeedback } from './state.js';

type ThreadConfig = Parameters<RunGraph['getState']>[0];

/**
 * Prepares a finished thread for another development round with the review feedback recorded since the last
 * round: the state gets the feedback and a fresh test budget, as if approval had just been given, so the graph
 * continues at `develop` on the same branch and PR. Returns false when there is no new feedback.
 */
export async function resumeForFeedback(
  deps: RunDeps,
  graph: RunGraph,
  config: ThreadConfig,
  run: Run,
): Promise<boolean> {
  const events = await listEvents(deps.db.pool, run.id);
  const taken = events.findLast((e) => e.type === 'review_feedback_taken');
  const after = taken ? z.object({ upTo: z.number() }).catch({ upTo: 0 }).parse(taken.data).upTo : 0;
  const fresh = events.filter((e) => e.type === 'review_feedback' && e.id > after);
  const last = fresh.at(-1);
  if (!last) return false;
  const feedback: ReviewFeedback[] = fresh.flatMap((e) => {
    const parsed = reviewFeedbackSchema.safeParse(e.data);
    return parsed.success ? [parsed.data] : [];
  });
  await graph.updateState(
    config,
    { reviewFeedback: feedback, lastTest: undefined, testRounds: 0, outcome: undefined },
    'await_approval',
  );
  await appendEvent(deps.db.pool, {
    runId: run.id,
    type: 'review_feedback_taken',
    message: `${feedback.length} review item(s) handed to development`,
    data: { upTo: last.id },
  });
  return true;
}
