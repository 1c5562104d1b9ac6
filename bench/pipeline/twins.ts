import { startAnthropicTwin, type AnthropicTwin } from '../../test/twins/anthropic/index.js';
import { startGitHubTwin, type GitHubTwin } from '../../test/twins/github/index.js';
import { benchScript } from './script.js';

export const OWNER = 'bench-org';
export const REPO = `${OWNER}/bench-repo`;
export const MAINTAINER = 'bench-maintainer';

/** A small Node repository whose test command exits at once (`true`, run through the sandbox). */
export const repoFiles: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'bench-repo', version: '1.0.0', type: 'module' }, null, 2)}\n`,
  'src/sum.js': 'export function sum(a, b) {\n  return a + b;\n}\n',
  'README.md': '# bench-repo\n',
  '.github/pipeline.yml': 'test: "true"\n',
};

export interface Twins {
  github: GitHubTwin;
  anthropic: AnthropicTwin;
  installationId: number;
  close(): Promise<void>;
}

/** Both twins in this (the benchmark's) process, so their CPU is not charged to the app process. */
export async function startTwins(issues: readonly number[]): Promise<Twins> {
  const [github, anthropic] = await Promise.all([
    startGitHubTwin({ appSlug: 'bench-pipeline' }),
    startAnthropicTwin({ script: benchScript(issues), retryAfterMs: 1 }),
  ]);
  const { id: installationId } = await github.createInstallation({
    account: OWNER,
    accountType: 'Organization',
  });
  await github.createRepo({ owner: OWNER, name: 'bench-repo', files: repoFiles, installationId });
  github.addUser(MAINTAINER);
  github.setPermission(REPO, MAINTAINER, 'write');
  return {
    github,
    anthropic,
    installationId,
    async close() {
      await github.settle();
      await Promise.all([github.close(), anthropic.close()]);
    },
  };
}

/** The app's settings for these twins (environment variable names, as `loadSettings` reads them). */
export function appEnv(twins: Twins, extra: Record<string, string>): Record<string, string> {
  return {
    APP_ID: String(twins.github.app.appId),
    PRIVATE_KEY: twins.github.app.privateKey,
    WEBHOOK_SECRET: twins.github.app.webhookSecret,
    GITHUB_API_URL: twins.github.url,
    APP_SLUG: twins.github.app.slug,
    ANTHROPIC_API_KEY: 'bench-key',
    ANTHROPIC_BASE_URL: twins.anthropic.url,
    PIPELINE_MODEL: 'claude-sonnet-4-6',
    // The twin has no rate limits; GitHub's write throttle (one POST per second) would dominate every run.
    GITHUB_THROTTLE: 'off',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    ...extra,
  };
}
