import type { Run } from '../../storage/index.js';
import { describeSpend } from './deploy-comment.js';
import type { DeployStateType } from './deploy-state.js';

const short = (sha: string) => sha.slice(0, 7);

/** Tokens and cost of the deploy run and the issue run it deploys (when there is one). */
export function spendOf(runs: ReadonlyArray<Pick<Run, 'inputTokens' | 'outputTokens' | 'costUsd'>>) {
  return {
    tokens: runs.reduce((sum, r) => sum + r.inputTokens + r.outputTokens, 0),
    costUsd: runs.reduce((sum, r) => sum + r.costUsd, 0),
  };
}

/** The final comment's text: merged, then deployed where, or what failed, why, and what the rollback did. */
export function finalReport(state: DeployStateType, spend: { tokens: number; costUsd: number }): string {
  const merged = state.prNumber ? `Merged in #${state.prNumber}. ` : '';
  const lines: string[] = [];
  if (!state.failure) {
    const where = state.environmentUrl ? ` at ${state.environmentUrl}` : '';
    lines.push(
      state.purpose === 'rollback'
        ? `↩️ Rolled \`${state.environment}\` back to \`${short(state.sha)}\`${where}, as asked.`
        : `✅ ${merged}Deployed \`${short(state.sha)}\` to \`${state.environment}\`${where}.`,
    );
    if (state.workflowRunUrl) lines.push('', `Deployed by workflow run ${state.workflowRunUrl}.`);
  } else {
    lines.push(
      `❌ ${merged}The deploy of \`${short(state.sha)}\` to \`${state.environment}\` failed: ${state.failure.summary}`,
    );
    if (state.workflowRunUrl) lines.push('', `Workflow run: ${state.workflowRunUrl}`);
    if (state.diagnosis) lines.push('', `**Diagnosis** (deployment agent): ${state.diagnosis}`);
    lines.push('', rollbackLine(state));
  }
  const scope = state.issueRunId ? 'this issue’s run and its deploy' : 'the deploy';
  lines.push('', `Spent on ${scope}: ${describeSpend(spend)}.`);
  return lines.join('\n');
}

function rollbackLine(state: DeployStateType): string {
  const { rolledBack: rollback } = state;
  if (!rollback) {
    return 'Nothing was rolled back (`deploy.rollback` is not set). Comment `/pipeline deploy` on the pull request to try again.';
  }
  if (rollback.sha === null) return `Nothing was rolled back: ${rollback.summary}`;
  const by = rollback.workflowRunUrl ? ` (workflow run ${rollback.workflowRunUrl})` : '';
  return rollback.succeeded
    ? `↩️ Rolled \`${state.environment}\` back to \`${short(rollback.sha)}\`, the last good deployment${by}; it is healthy again.`
    : `⚠️ The rollback to \`${short(rollback.sha)}\` failed too${by}: ${rollback.summary} The environment needs a person.`;
}
