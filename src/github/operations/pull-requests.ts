import type { GitHubClient, RepoRef } from '../client.js';

export type PullRequestRef = { number: number; nodeId: string; draft: boolean; headSha: string };

/** The open PR from `branch`, so a resumed run reuses its PR instead of opening a second one. */
export async function findOpenPullRequest(
  octokit: GitHubClient,
  repo: RepoRef,
  branch: string,
): Promise<PullRequestRef | undefined> {
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${branch}`,
    state: 'open',
    per_page: 5,
  });
  const pr = data[0];
  return pr
    ? { number: pr.number, nodeId: pr.node_id, draft: pr.draft ?? false, headSha: pr.head.sha }
    : undefined;
}

export async function openDraftPullRequest(
  octokit: GitHubClient,
  repo: RepoRef,
  input: { branch: string; base: string; title: string; body: string },
): Promise<PullRequestRef> {
  const { data } = await octokit.rest.pulls.create({
    ...repo,
    head: input.branch,
    base: input.base,
    title: input.title,
    body: input.body,
    draft: true,
  });
  return { number: data.number, nodeId: data.node_id, draft: data.draft ?? true, headSha: data.head.sha };
}

export async function updatePullRequestBody(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
  body: string,
): Promise<void> {
  await octokit.rest.pulls.update({ ...repo, pull_number: number, body });
}

export async function getPullRequest(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<PullRequestRef> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  return { number: data.number, nodeId: data.node_id, draft: data.draft ?? false, headSha: data.head.sha };
}

/** REST cannot take a PR out of draft; GitHub's GraphQL mutation can. */
export async function markReadyForReview(octokit: GitHubClient, pullRequestNodeId: string): Promise<void> {
  await octokit.graphql(
    `mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }`,
    { id: pullRequestNodeId },
  );
}

/** A reply in the thread of a review comment on a line. */
export async function replyToReviewComment(
  octokit: GitHubClient,
  repo: RepoRef,
  prNumber: number,
  commentId: number,
  body: string,
): Promise<void> {
  await octokit.rest.pulls.createReplyForReviewComment({
    ...repo,
    pull_number: prNumber,
    comment_id: commentId,
    body,
  });
}
