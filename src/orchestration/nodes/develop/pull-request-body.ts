import type { Plan } from '../../../agents/planning/finish-schema.js';

/** The PR body: summary, the plan as a checklist, the closing keyword, and what the agent ran (collapsed). */
export function pullRequestBody(input: {
  issueNumber: number;
  summary: string;
  plan?: Plan;
  log: string[];
  runId: string;
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
  lines.push(`<sub>Opened by Agentic Dev Pipeline, run \`${input.runId}\`.</sub>`);
  return lines.join('\n');
}
