import type { Run, Step } from '../../storage/index.js';

/** The `/pipeline status` answer: where the run is, what it did, what it cost. */
export function describeRun(run: Run, steps: Step[]): string {
  const lines = [
    `**Pipeline run \`${run.id}\`** — ${run.status.replace('_', ' ')}` +
      (run.currentNode ? `, current step: \`${run.currentNode}\`` : ''),
    '',
    `Tokens: ${run.inputTokens.toLocaleString('en-US')} in, ${run.outputTokens.toLocaleString('en-US')} out ` +
      `(cache read ${run.cacheReadTokens.toLocaleString('en-US')}) · cost $${run.costUsd.toFixed(4)}`,
  ];
  if (run.prNumber) lines.push(`Pull request: #${run.prNumber}`);
  if (run.error) lines.push(`Last error: ${run.error}`);
  if (steps.length > 0) {
    lines.push('', '| Step | Status | Started | Cost |', '| --- | --- | --- | --- |');
    for (const step of steps) {
      lines.push(
        `| ${step.node} | ${step.status} | ${step.startedAt.toISOString()} | $${step.costUsd.toFixed(4)} |`,
      );
    }
  }
  return lines.join('\n');
}
