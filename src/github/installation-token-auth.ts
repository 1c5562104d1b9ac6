/** The slice of Octokit's request function an auth hook uses. */
type HookRequest = {
  (endpoint: HookEndpoint): Promise<unknown>;
  endpoint: { merge(route: unknown, parameters?: unknown): HookEndpoint };
};
type HookEndpoint = { headers: Record<string, string | number | undefined> };

export type InstallationTokenAuthOptions = {
  /** A valid token for every request; the minting side caches it until shortly before it expires. */
  token(): Promise<string>;
};

/**
 * An Octokit `authStrategy` that sends an installation token from `token()` with every request.
 * `@octokit/auth-app`'s own request hook always asks for a token for the whole installation with every
 * permission the app has, whatever repositories and permissions were given; this one sends the narrowed token.
 */
export function installationTokenAuth({ token }: InstallationTokenAuthOptions) {
  const auth = async () => ({ type: 'token', tokenType: 'installation', token: await token() });
  const hook = async (request: HookRequest, route: unknown, parameters?: unknown) => {
    const endpoint = request.endpoint.merge(route, parameters);
    endpoint.headers['authorization'] = `token ${await token()}`;
    return request(endpoint);
  };
  return Object.assign(auth, { hook });
}
