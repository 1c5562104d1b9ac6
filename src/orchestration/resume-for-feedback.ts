import { appendEvent, reviewFeedbackSchema, type ReviewFeedback, type Run } from '../storage/index.js';
import { untakenEvents } from './read-events.js';
import type { RunDeps } from './run-deps.js';
import type { RunGraph } from './run-graph.js';

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
  const { events, upTo } = await untakenEvents(
    deps.db.pool,
    run.id,
    'review_feedback',
    'review_feedback_taken',
  );
  if (upTo === undefined) return false;
  const feedback: ReviewFeedback[] = events.flatMap((e) => {
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
    data: { upTo },
  });
  return true;
}
