import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubUserClient } from '../../src/github/user-access/github-user-client.js';
import { startGitHubTwin, type GitHubTwin } from '../twins/github/index.js';

const REPO = 'acme/widgets';
const REDIRECT = 'http://127.0.0.1:9/login/callback';

describe("the GitHub App's OAuth web flow, against the GitHub twin", () => {
  let github: GitHubTwin;
  let client: ReturnType<typeof createGitHubUserClient>;

  beforeAll(async () => {
    github = await startGitHubTwin();
    const installation = await github.createInstallation({ account: 'acme', accountType: 'Organization' });
    await github.createRepo({
      owner: 'acme',
      name: 'widgets',
      files: { 'README.md': '# widgets\n' },
      installationId: installation.id,
    });
    for (const [login, permission] of [
      ['maria', 'write'],
      ['rick', 'read'],
    ] as const) {
      github.addUser(login);
      github.setPermission(REPO, login, permission);
    }
    github.addUser('stranger');
    client = createGitHubUserClient({
      clientId: github.app.clientId,
      clientSecret: github.app.clientSecret,
      apiUrl: github.url,
    });
  });
  afterAll(() => github.close());

  /** What the browser of the signed-in person brings back to the callback. */
  async function signIn(login: string): Promise<{ code: string; state: string }> {
    github.signInBrowser(login);
    const answer = await fetch(client.authorizeUrl({ state: `state-${login}`, redirectUrl: REDIRECT }), {
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    return { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' };
  }

  it("trades the code for a user token that acts as the person, with the person's access", async () => {
    const { code, state } = await signIn('maria');
    expect(state).toBe('state-maria');
    const token = await client.exchangeCode({ code, redirectUrl: REDIRECT });
    expect(await client.login(token)).toBe('maria');
    expect(await client.repoAccess(token, REPO)).toBe('write');
    // A code is good once.
    await expect(client.exchangeCode({ code, redirectUrl: REDIRECT })).rejects.toThrow(
      /bad_verification_code/,
    );
  });

  it('tells a reader from a writer, and a person without access gets none', async () => {
    const reader = await client.exchangeCode({ code: (await signIn('rick')).code, redirectUrl: REDIRECT });
    expect(await client.repoAccess(reader, REPO)).toBe('read');
    const stranger = await client.exchangeCode({
      code: (await signIn('stranger')).code,
      redirectUrl: REDIRECT,
    });
    expect(await client.repoAccess(stranger, REPO)).toBe('none');
    expect(await client.repoAccess(stranger, 'acme/nothing-here')).toBe('none');
  });

  it('refuses a wrong client secret', async () => {
    const wrong = createGitHubUserClient({
      clientId: github.app.clientId,
      clientSecret: 'not-the-secret',
      apiUrl: github.url,
    });
    const { code } = await signIn('maria');
    await expect(wrong.exchangeCode({ code, redirectUrl: REDIRECT })).rejects.toThrow(
      /incorrect_client_credentials/,
    );
    expect(github.violations).toEqual([]);
  });
});
