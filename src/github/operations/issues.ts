import type { GitHubClient, RepoRef } from '../client.js';

export async function getIssue(octokit: GitHubClient, repo: RepoRef, issueNumber: number) {
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: issueNumber });
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? '',
    author: data.user?.login ?? 'ghost',
  };
}
