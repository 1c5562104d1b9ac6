import { getPullRequest, markReadyForReview } from '../../../github/operations/pull-requests.js';
import { defineNode } from '../../node-context.js';
import { publishStatus } from '../../status-comment.js';
import type { NodeContext } from '../../node-context.js';
import type { RunStateType } from '../../state.js';

/**
 * Ends a coded run: green tests take the PR out of draft; tests still red after the last round fail the run
 * with the reason in the status comment. The clone is removed either way.
 */
export const finalizeNode = defineNode('finalize', async (state, ctx) => {
  const config = state.config;
  if (!state.prNumber) throw new Error('finalize needs a PR');
  try {
    await rememberRun(ctx, state);
    if (state.lastTest?.passed) {
      const pr = await getPullRequest(ctx.octokit, ctx.repo, state.prNumber);
      if (pr.draft) await markReadyForReview(ctx.octokit, pr.nodeId);
      await ctx.emit('ready', `PR #${state.prNumber} is ready for review`);
      await publishStatus(ctx, state, 'ready', `Pull request #${state.prNumber} is ready for review.`);
      return { outcome: { status: 'succeeded', message: `PR #${state.prNumber} ready for review` } };
    }
    const message =
      `The tests still fail after ${state.testRounds} round${state.testRounds === 1 ? '' : 's'} ` +
      `(the limit is ${config.max_test_rounds}): ${state.lastTest?.summary ?? 'no result'}. ` +
      `The draft PR #${state.prNumber} is left as it is; comment \`/pipeline retry\` to try again.`;
    await publishStatus(ctx, state, 'failed', message);
    return { outcome: { status: 'failed', message } };
  } finally {
    await ctx.deps.workspaces.release(state.runId);
  }
});

/** Stores how the run went in the code index's memory, for similar issues later. */
async function rememberRun(ctx: NodeContext, state: RunStateType): Promise<void> {
  const memory = ctx.deps.codeSearch;
  if (!memory || !state.workPlan) return;
  await memory.remember({
    repoFullName: state.repoFullName,
    runId: state.runId,
    issueTitle: state.issue.title,
    issueBody: state.issue.body,
    plan: `${state.workPlan.summary}\n${state.workPlan.steps.join('\n')}`,
    outcome: state.lastTest?.passed
      ? `tests passed after ${state.testRounds} round(s); PR #${state.prNumber} ready`
      : `tests still failing after ${state.testRounds} round(s): ${state.lastTest?.summary ?? 'no result'}`,
    filesChanged: state.workPlan.files,
  });
}
