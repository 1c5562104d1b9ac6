import { replyToReviewComment } from '../../../github/operations/pull-requests.js';
import type { NodeContext } from '../../node-context.js';
import type { ReviewFeedback } from '../../../storage/index.js';

/** Review feedback as the development agent reads it: who asked, where (file and line), what. */
export function describeFeedback(feedback: ReviewFeedback[]): string {
  return feedback
    .map((f, i) => {
      const where = f.path ? ` on \`${f.path}\`${f.line ? ` line ${f.line}` : ''}` : '';
      return `${i + 1}. @${f.author}${where}:\n${f.body}`;
    })
    .join('\n\n');
}

/** Answers each line comment the round addressed, so reviewers see where their comment went. */
export async function replyToReviewComments(
  ctx: NodeContext,
  prNumber: number,
  feedback: ReviewFeedback[],
  headSha: string,
): Promise<void> {
  for (const item of feedback) {
    if (!item.commentId) continue;
    await replyToReviewComment(
      ctx.octokit,
      ctx.repo,
      prNumber,
      item.commentId,
      `Addressed in ${headSha.slice(0, 7)}.`,
    );
    await ctx.emit('review_reply', `replied to review comment ${item.commentId}`, {
      commentId: item.commentId,
      headSha,
    });
  }
}
