import type { z } from '@hono/zod-openapi';
import type { PlanSchema } from '../schemas.js';

type PlanParts = Omit<z.infer<typeof PlanSchema>, 'markdown' | 'plannedAt'>;

/** A run's plan as markdown: what the planning agent decided, its tasks as a checklist. */
export function planMarkdown(runId: string, plan: PlanParts): string {
  const list = (items: string[]) => (items.length ? items.map((i) => `- ${i}`).join('\n') : '- none');
  return [
    `# Plan of run ${runId}`,
    '',
    plan.summary,
    '',
    '## Steps',
    plan.tasks.map((t) => `- [${t.done ? 'x' : ' '}] ${t.text}`).join('\n') || '- none',
    '',
    '## Files',
    list(plan.files.map((f) => `\`${f}\``)),
    '',
    '## Tests',
    plan.testStrategy || 'none given',
    '',
    '## Risks',
    list(plan.risks),
    '',
  ].join('\n');
}
