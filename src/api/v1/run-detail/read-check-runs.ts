import type { z } from '@hono/zod-openapi';
import type { RunEventOf } from '../../../storage/index.js';
import type { CheckRunSchema } from '../schemas.js';

/**
 * The test step's check runs from its timeline: each one's latest `check_run` event is its state, and the
 * `tested` event of that round holds its annotations.
 */
export function readCheckRuns(
  checkRuns: readonly RunEventOf<'check_run'>[],
  tested: readonly RunEventOf<'tested'>[],
): z.infer<typeof CheckRunSchema>[] {
  const latest = new Map<number, RunEventOf<'check_run'>>();
  for (const event of checkRuns) latest.set(event.data.id, event);
  return [...latest.values()].map(({ data }) => {
    const round = tested.findLast((t) => t.data.checkRunId === data.id && t.data.round === data.round);
    return {
      ...data,
      annotationCount: round?.data.annotations ?? 0,
      annotations: (round?.data.annotationList ?? []).map((a) => ({ ...a, title: a.title ?? null })),
    };
  });
}
