import type { GitHubClient, RepoRef } from '../client.js';

export type Reaction = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export async function postComment(
  octokit: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  body: string,
): Promise<number> {
  const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
  return data.id;
}

export async function editComment(
  octokit: GitHubClient,
  repo: RepoRef,
  commentId: number,
  body: string,
): Promise<void> {
  await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body });
}

export async function reactToIssue(
  octokit: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  content: Reaction,
): Promise<void> {
  await octokit.rest.reactions.createForIssue({ ...repo, issue_number: issueNumber, content });
}

export async function reactToComment(
  octokit: GitHubClient,
  repo: RepoRef,
  commentId: number,
  content: Reaction,
): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
}

/** Who wrote a comment the app looks for: the app's bot user and the app behind it. */
export type CommentAuthor = { login: string; appId: number };

/**
 * The id of the first comment on the issue whose body holds `marker` and that the app wrote itself. Anyone can
 * paste the marker into a comment (another bot, a person); editing theirs would let them choose which comment
 * the run writes into, so only the app's bot user counts, and only when GitHub names no other app behind it.
 */
export async function findCommentWithMarker(
  octokit: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
  author: CommentAuthor,
): Promise<number | undefined> {
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  })) {
    const found = page.data.find(
      (c) =>
        c.body?.includes(marker) &&
        c.user?.type === 'Bot' &&
        c.user.login === author.login &&
        (c.performed_via_github_app == null || c.performed_via_github_app.id === author.appId),
    );
    if (found) return found.id;
  }
  return undefined;
}
