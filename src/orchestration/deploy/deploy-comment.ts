/** Marks the deploy run's own comment, so a resumed run edits it instead of posting another. */
export const deployMarker = (runId: string): string => `<!-- agentic-dev-pipeline:deploy:${runId} -->`;

export type DeployCommentView = {
  runId: string;
  prNumber: number | null;
  environment: string;
  sha: string;
};

/** The comment's view of a deploy run and what it was asked to deploy. */
export function deployView(
  runId: string,
  request: { prNumber: number | null; environment: string; sha: string },
): DeployCommentView {
  return { runId, prNumber: request.prNumber, environment: request.environment, sha: request.sha };
}

/** The deploy run's comment on the issue: a heading naming what goes where, then where it stands. */
export function deployComment(view: DeployCommentView, text: string): string {
  const what = view.prNumber
    ? `#${view.prNumber} (\`${view.sha.slice(0, 7)}\`)`
    : `\`${view.sha.slice(0, 7)}\``;
  return `${deployMarker(view.runId)}\n### Deploy of ${what} to \`${view.environment}\`\n\n${text}\n`;
}

/** Tokens and dollars, as the final comment reports them. */
export function describeSpend(spend: { tokens: number; costUsd: number }): string {
  return `${spend.tokens.toLocaleString('en-US')} tokens · $${spend.costUsd.toFixed(2)}`;
}
