import type { z } from '@hono/zod-openapi';
import type { RunEventOf } from '../../../storage/index.js';
import type { PlanSchema } from '../schemas.js';
import { planMarkdown } from './plan-markdown.js';

/**
 * The run's latest plan. Its tasks are done once code was pushed after it, as the status comment checks
 * them: the development agent works the whole plan in one round.
 */
export function readPlan(
  runId: string,
  planned: readonly RunEventOf<'planned'>[],
  pushed: readonly RunEventOf<'pushed'>[],
): z.infer<typeof PlanSchema> | null {
  const plan = planned.at(-1);
  if (!plan) return null;
  const done = pushed.some((p) => p.id > plan.id);
  const parts = {
    summary: plan.data.summary,
    tasks: plan.data.steps.map((text) => ({ text, done })),
    files: plan.data.files,
    testStrategy: plan.data.testStrategy,
    risks: plan.data.risks,
  };
  return { ...parts, markdown: planMarkdown(runId, parts), plannedAt: plan.createdAt.toISOString() };
}
