import { exchangeWebFlowCode, getWebFlowAuthorizationUrl } from '@octokit/oauth-methods';
import { Octokit } from '@octokit/rest';

/** What a person may do with a repository, as GitHub answers for their user token. */
export type RepoAccess = 'none' | 'read' | 'write';

/** The GitHub App's OAuth web flow and the questions the dashboard asks with a person's user token. */
export interface GitHubUserClient {
  /** Where to send the browser to sign in (GitHub sends it back to `redirectUrl` with a code). */
  authorizeUrl(options: { state: string; redirectUrl: string }): string;
  /** The user token the code is worth (a code is good once, for a few minutes). */
  exchangeCode(options: { code: string; redirectUrl: string }): Promise<string>;
  login(token: string): Promise<string>;
  repoAccess(token: string, repoFullName: string): Promise<RepoAccess>;
}

/**
 * The OAuth flow against the host of `apiUrl` (github.com for api.github.com, the server itself for GitHub
 * Enterprise Server), and REST calls as the signed-in person.
 */
export function createGitHubUserClient(options: {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
}): GitHubUserClient {
  const { clientId, clientSecret } = options;
  const anonymous = new Octokit({ baseUrl: options.apiUrl });
  const asUser = (token: string) => new Octokit({ baseUrl: options.apiUrl, auth: token });
  return {
    authorizeUrl: ({ state, redirectUrl }) =>
      getWebFlowAuthorizationUrl({
        clientType: 'github-app',
        clientId,
        state,
        redirectUrl,
        request: anonymous.request,
      }).url,
    async exchangeCode({ code, redirectUrl }) {
      const { authentication } = await exchangeWebFlowCode({
        clientType: 'github-app',
        clientId,
        clientSecret,
        code,
        redirectUrl,
        request: anonymous.request,
      });
      return authentication.token;
    },
    async login(token) {
      return (await asUser(token).rest.users.getAuthenticated()).data.login;
    },
    async repoAccess(token, repoFullName) {
      const [owner = '', repo = ''] = repoFullName.split('/');
      try {
        const { data } = await asUser(token).rest.repos.get({ owner, repo });
        if (data.permissions?.push || data.permissions?.maintain || data.permissions?.admin) return 'write';
        return data.permissions?.pull ? 'read' : 'none';
      } catch (err) {
        // A repository the person cannot see is 404 to them (403 when the token may not ask).
        if (err instanceof Error && 'status' in err && (err.status === 404 || err.status === 403))
          return 'none';
        throw err;
      }
    },
  };
}
