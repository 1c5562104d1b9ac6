import type { GitHubClient, RepoRef } from '../client.js';

export type PullRequestRef = {
  number: number;
  nodeId: string;
  draft: boolean;
  headSha: string;
  headBranch: string;
  title: string;
  /** The pull request's page on GitHub. */
  url: string;
};

/** The fields of GitHub's pull request (as listed, created or read) that a PullRequestRef keeps. */
type PullRequestData = {
  number: number;
  node_id: string;
  draft?: boolean;
  head: { sha: string; ref: string };
  title: string;
  html_url: string;
};

function toRef(pr: PullRequestData): PullRequestRef {
  return {
    number: pr.number,
    nodeId: pr.node_id,
    draft: pr.draft ?? false,
    headSha: pr.head.sha,
    headBranch: pr.head.ref,
    title: pr.title,
    url: pr.html_url,
  };
}

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
  return pr ? toRef(pr) : undefined;
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
  return toRef({ ...data, draft: data.draft ?? true });
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
  return toRef(data);
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
