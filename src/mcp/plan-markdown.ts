import { z } from 'zod';

/** The `planned` event's data, as the timeline carries it. */
export const PlannedData = z.object({
  summary: z.string(),
  files: z.array(z.string()),
  steps: z.array(z.string()),
  testStrategy: z.string(),
  risks: z.array(z.string()),
});

/** A run's plan as markdown: what the planning agent decided, as its status comment shows it. */
export function planMarkdown(runId: string, plan: z.infer<typeof PlannedData>): string {
  const list = (items: string[]) => (items.length ? items.map((i) => `- ${i}`).join('\n') : '- none');
  return [
    `# Plan of run ${runId}`,
    '',
    plan.summary,
    '',
    '## Steps',
    plan.steps.map((s) => `- [ ] ${s}`).join('\n') || '- none',
    '',
    '## Files',
    list(plan.files.map((f) => `\`${f}\``)),
    '',
    '## Tests',
    plan.testStrategy,
    '',
    '## Risks',
    list(plan.risks),
    '',
  ].join('\n');
}
