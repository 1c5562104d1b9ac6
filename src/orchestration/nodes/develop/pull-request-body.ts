import type { Plan } from '../../../agents/planning/finish-schema.js';

/** The PR body: summary, the plan as a checklist, the closing keyword, and what the agent ran (collapsed). */
export function pullRequestBody(input: {
  issueNumber: number;
  summary: string;
  plan?: Plan;
  log: string[];
  runId: string;
  /** The run's page on the dashboard, when the app has a public URL. */
  runUrl?: string | undefined;
}): string {
  const lines = [input.summary, ''];
  if (input.plan) {
    lines.push('### Plan', '');
    for (const step of input.plan.steps) lines.push(`- [x] ${step}`);
    lines.push('');
  }
  lines.push(`Closes #${input.issueNumber}`, '');
  if (input.log.length) {
    lines.push(
      '<details><summary>What the agent ran</summary>',
      '',
      '```text',
      ...input.log.slice(-60),
      '```',
      '',
      '</details>',
      '',
    );
  }
  const run = input.runUrl ? `[\`${input.runId}\`](${input.runUrl})` : `\`${input.runId}\``;
  lines.push(`<sub>Opened by Agentic Dev Pipeline, run ${run}.</sub>`);
  return lines.join('\n');
}
