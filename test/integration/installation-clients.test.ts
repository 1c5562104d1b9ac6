import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createProbot } from '../../src/github/create-probot.js';
import { createInstallationClients } from '../../src/github/installation-clients.js';
import { testLogger } from '../support/test-logger.js';
import { startGitHubTwin } from '../twins/github/index.js';
import type { GitHubTwin } from '../twins/github/twin.js';

describe('installation clients kept across deliveries', () => {
  let twin: GitHubTwin;
  let acme: number;
  let globex: number;
  beforeAll(async () => {
    twin = await startGitHubTwin();
    acme = (await twin.createInstallation({ account: 'acme' })).id;
    globex = (await twin.createInstallation({ account: 'globex' })).id;
    await twin.createRepo({ owner: 'acme', name: 'r', files: { 'README.md': '#\n' }, installationId: acme });
    await twin.createRepo({
      owner: 'globex',
      name: 'g',
      files: { 'README.md': '#\n' },
      installationId: globex,
    });
  });
  afterAll(() => twin.close());

  function clients() {
    const settings = loadSettings({
      APP_ID: String(twin.app.appId),
      PRIVATE_KEY: twin.app.privateKey,
      WEBHOOK_SECRET: twin.app.webhookSecret,
      GITHUB_API_URL: twin.url,
      GITHUB_THROTTLE: 'off',
    });
    return createInstallationClients(createProbot(settings, testLogger()));
  }

  it('gives every delivery of an installation the same client, which asks for one token', async () => {
    const kept = clients();
    const first = await kept.get(acme);
    expect(await kept.get(acme)).toBe(first);
    for (let i = 0; i < 3; i += 1) {
      const { data } = await (await kept.get(acme)).rest.repos.get({ owner: 'acme', repo: 'r' });
      expect(data.full_name).toBe('acme/r');
    }
    const tokens = twin.requests.filter(
      (r) => r.method === 'POST' && r.path === `/app/installations/${acme}/access_tokens`,
    );
    expect(tokens).toHaveLength(1);
  });

  it("keeps installations apart: one installation's client cannot read another's repository", async () => {
    const kept = clients();
    const globexClient = await kept.get(globex);
    expect(globexClient).not.toBe(await kept.get(acme));
    const { data } = await globexClient.rest.repos.get({ owner: 'globex', repo: 'g' });
    expect(data.full_name).toBe('globex/g');
    await expect(globexClient.rest.repos.get({ owner: 'acme', repo: 'r' })).rejects.toMatchObject({
      status: 404,
    });
  });
});
