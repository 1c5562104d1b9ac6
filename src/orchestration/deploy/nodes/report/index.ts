import { editComment, postComment } from '../../../../github/operations/comments.js';
import { getRun, type Run } from '../../../../storage/index.js';
import { defineNode } from '../../../node-context.js';
import { deployComment } from '../../deploy-comment.js';
import type { DeployStateType, DeployStateUpdate } from '../../deploy-state.js';
import { finalReport, spendOf } from '../../final-report.js';

/**
 * The end of a deploy run: its comment on the issue becomes the final word (deployed where, or failed, why and
 * what the rollback did, with the tokens and cost of the run and its deploy); a rollback is told on the PR too.
 */
export const reportNode = defineNode<DeployStateType, DeployStateUpdate>('report', async (state, ctx) => {
  const db = ctx.deps.db.pool;
  const runs = [await getRun(db, state.runId), state.issueRunId ? await getRun(db, state.issueRunId) : null];
  const text = finalReport(state, spendOf(runs.filter((r): r is Run => r !== null)));
  await editComment(ctx.octokit, ctx.repo, state.commentId, deployComment(state, text));
  if (state.rolledBack?.sha && state.prNumber && state.prNumber !== state.issueNumber) {
    await postComment(ctx.octokit, ctx.repo, state.prNumber, `${text}\n\nDetails: #${state.issueNumber}.`);
  }
  return {
    outcome: state.failure
      ? { status: 'failed', message: state.failure.summary }
      : { status: 'succeeded', message: `deployed to ${state.environment}` },
  };
});
