import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { inject } from 'vitest';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { startApp, type RunningApp } from '../../src/runtime/start-app.js';
import { WEBHOOK_PATH } from '../../src/runtime/start-web.js';
import { getRun, listRuns, type Run, type RunStatus } from '../../src/storage/index.js';
import { freshServices } from '../support/service-admin.js';
import { copyPgliteTemplate } from '../support/pglite-template.js';
import { createAppLogger } from '../../src/runtime/app-logger.js';
import { waitFor } from '../support/wait.js';
import { startAnthropicTwin, type AnthropicTwin, type TwinScript } from '../twins/anthropic/index.js';
import { startGitHubTwin } from '../twins/github/index.js';
import type { GitHubTwin } from '../twins/github/twin.js';
import type { RepoFiles } from '../twins/git/write-files.js';

export type HarnessBackend = 'embedded' | 'postgres+redis';

export type HarnessOptions = {
  backend?: HarnessBackend;
  /** Start a worker in the app process (default true). */
  worker?: boolean;
  /** Files of the repository under test (default: a tiny Node project); `{ symlinkTo }` commits a link. */
  files?: RepoFiles;
  script?: TwinScript;
  /** Extra settings (env names), e.g. PIPELINE_ALLOWED_BOTS. */
  env?: Record<string, string>;
  /** Sign people in to the dashboard with the twin's OAuth flow (the app's client id and secret). */
  dashboardLogin?: boolean;
};

export const REPO_OWNER = 'acme';
export const REPO_NAME = 'widgets';
export const REPO = `${REPO_OWNER}/${REPO_NAME}`;
/** People on the twin, by what they may do. */
export const MAINTAINER = 'maria';
export const READER = 'rick';

export const defaultFiles: Record<string, string> = {
  'package.json': JSON.stringify(
    { name: 'widgets', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } },
    null,
    2,
  ),
  'src/sum.js': 'export function sum(a, b) {\n  return a + b;\n}\n',
  'test/sum.test.js':
    "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { sum } from '../src/sum.js';\n\ntest('sum', () => assert.equal(sum(1, 2), 3));\n",
  'README.md': '# widgets\n',
};

/**
 * The whole product on free ports: the GitHub twin (with its git remote), the Anthropic twin, and the app
 * (web server, queue, worker) on a fresh database — embedded PGlite + in-process queue, or a fresh
 * PostgreSQL database + Redis with its own key prefix.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const started = Date.now();
  const backend = options.backend ?? 'embedded';
  const [github, anthropic, dataDir] = await Promise.all([
    startGitHubTwin(),
    startAnthropicTwin({ script: options.script, retryAfterMs: 1 }),
    // The embedded database starts from a copy of the suite's initialized PGlite directory: PGlite's initdb
    // was most of an embedded harness's start (about 9 of 10 s on a busy 2-core machine).
    backend === 'embedded'
      ? copyPgliteTemplate(inject('pgliteTemplate'))
      : mkdtemp(join(tmpdir(), 'pipeline-e2e-')),
  ]);
  const installation = await github.createInstallation({ account: REPO_OWNER, accountType: 'Organization' });
  await github.createRepo({
    owner: REPO_OWNER,
    name: REPO_NAME,
    files: options.files ?? defaultFiles,
    installationId: installation.id,
  });
  github.addUser(MAINTAINER);
  github.setPermission(REPO, MAINTAINER, 'write');
  github.addUser(READER);
  github.setPermission(REPO, READER, 'read');

  const services = backend === 'postgres+redis' ? await servicesForHarness() : undefined;
  const settings = loadSettings({
    APP_ID: String(github.app.appId),
    PRIVATE_KEY: github.app.privateKey,
    WEBHOOK_SECRET: github.app.webhookSecret,
    GITHUB_API_URL: github.url,
    APP_SLUG: github.app.slug,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: anthropic.url,
    PIPELINE_DATA_DIR: dataDir,
    PIPELINE_MODEL: 'claude-sonnet-4-6',
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    GITHUB_THROTTLE: 'off',
    PIPELINE_CODE_INDEX: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'debug',
    ...(services
      ? {
          DATABASE_URL: services.databaseUrl,
          REDIS_URL: services.redisUrl,
          PIPELINE_REDIS_PREFIX: services.prefix,
        }
      : {}),
    ...(options.dashboardLogin
      ? {
          GITHUB_CLIENT_ID: github.app.clientId,
          GITHUB_CLIENT_SECRET: github.app.clientSecret,
          PIPELINE_SESSION_SECRET: 'a session secret of the e2e harness, 32+ chars',
        }
      : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const logger = createAppLogger(settings, 'e2e', {
    write: (line: string) => void logs.push(line),
  });
  const app = await startApp(settings, logger, { web: true, worker: options.worker ?? true });
  if (!app.web) throw new Error('the app started without its web server');
  github.setWebhookTarget(`${app.web.url}${WEBHOOK_PATH}`, github.app.webhookSecret);
  return new Harness(
    github,
    anthropic,
    app,
    settings,
    installation.id,
    logs,
    Date.now() - started,
    async () => {
      await rm(dataDir, { recursive: true, force: true });
      await services?.drop();
    },
  );
}

export class Harness {
  constructor(
    readonly github: GitHubTwin,
    readonly anthropic: AnthropicTwin,
    readonly app: RunningApp,
    readonly settings: Settings,
    readonly installationId: number,
    /** Every log line the app wrote (debug level), to check what never reaches a log. */
    readonly logs: string[],
    /** How long start-up took, in ms. */
    readonly startMs: number,
    private readonly cleanup: () => Promise<void>,
  ) {}

  get db(): pg.Pool {
    return this.app.core.db.pool;
  }

  async runs(): Promise<Run[]> {
    return listRuns(this.db, { repo: REPO, limit: 100 });
  }

  /** Waits until the issue's latest run reaches one of the statuses, and returns it. */
  async waitForRun(issueNumber: number, statuses: RunStatus[], timeoutMs = 20_000): Promise<Run> {
    let found: Run | undefined;
    await waitFor(
      `a run on #${issueNumber} in ${statuses.join('|')}`,
      async () => {
        const runs = (await this.runs()).filter((r) => r.issueNumber === issueNumber);
        found = runs[0] ? ((await getRun(this.db, runs[0].id)) ?? undefined) : undefined;
        return found !== undefined && statuses.includes(found.status);
      },
      timeoutMs,
    );
    if (!found) throw new Error('unreachable: waitFor returned without a run');
    return found;
  }

  async close(): Promise<void> {
    await this.app.close({ force: true });
    await this.github.settle();
    await Promise.all([this.github.close(), this.anthropic.close()]);
    await this.cleanup();
  }
}

async function servicesForHarness() {
  const { postgres, redis } = inject('services');
  if (!postgres.available || !redis.available) throw new Error('postgres+redis harness needs both services');
  return freshServices({ postgresUrl: postgres.url, redisUrl: redis.url }, 'pipeline_e2e');
}
