import type { ProbotOctokit } from 'probot';

/** The authenticated Octokit the app uses: Probot's, composed of retry, throttling, paginate and config plugins. */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** Owner and name of a repository, as most REST calls take them. */
export type RepoRef = { owner: string; repo: string };

export function repoRef(fullName: string): RepoRef {
  const [owner, repo] = fullName.split('/');
  if (!owner || !repo) throw new Error(`not a repository full name: ${fullName}`);
  return { owner, repo };
}
