import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEBHOOK_PATH } from '../../../src/runtime/start-web.js';
import { startAnthropicTwin, type AnthropicTwin } from '../../twins/anthropic/index.js';
import { startGitHubTwin } from '../../twins/github/index.js';
import type { GitHubTwin } from '../../twins/github/twin.js';
import { AppProcess, type AppEntry } from './app-process.js';
import { CRASH_ISSUE, crashRepoFiles, crashScript } from './crash-scenario.js';
import { freshServices, type FreshServices, type ServiceUrls } from '../../support/service-admin.js';
import { GateProxy } from './gate-proxy.js';
import type { Proxies } from './kill-points.js';

export type CrashBackend = 'embedded' | 'postgres+redis';

export const REPO = 'acme/widgets';
export const MAINTAINER = 'maria';

/**
 * Everything a crash test needs, with the app outside the test process: the GitHub and Anthropic twins
 * (behind gate proxies), a database of its own (PGlite in a data dir kept across restarts, or a fresh
 * PostgreSQL database + a Redis prefix), and the app's processes — one `npm start` (embedded), or a
 * web-only process and two workers (postgres+redis).
 */
export class CrashWorld {
  readonly processes: AppProcess[] = [];
  private workerCount = 0;

  private constructor(
    readonly backend: CrashBackend,
    readonly github: GitHubTwin,
    readonly anthropic: AnthropicTwin,
    readonly proxies: Proxies,
    readonly dataDir: string,
    readonly services: FreshServices | undefined,
  ) {}

  /** `files`: the repository's files (the crash scenario's by default). */
  static async start(
    backend: CrashBackend,
    urls?: ServiceUrls,
    files: Record<string, string> = crashRepoFiles,
  ): Promise<CrashWorld> {
    if (backend === 'postgres+redis' && !urls)
      throw new Error('the postgres+redis crash world needs PostgreSQL and Redis');
    const [github, anthropic, dataDir] = await Promise.all([
      startGitHubTwin(),
      startAnthropicTwin({ script: crashScript, retryAfterMs: 1 }),
      mkdtemp(join(tmpdir(), 'pipeline-crash-')),
    ]);
    const [githubProxy, anthropicProxy] = await Promise.all([
      GateProxy.start(github.url),
      GateProxy.start(anthropic.url),
    ]);
    const services = backend === 'postgres+redis' && urls ? await freshServices(urls) : undefined;
    const installation = await github.createInstallation({ account: 'acme', accountType: 'Organization' });
    await github.createRepo({
      owner: 'acme',
      name: 'widgets',
      files,
      installationId: installation.id,
    });
    github.addUser(MAINTAINER);
    github.setPermission(REPO, MAINTAINER, 'write');
    return new CrashWorld(
      backend,
      github,
      anthropic,
      { github: githubProxy, anthropic: anthropicProxy },
      dataDir,
      services,
    );
  }

  /** Settings every process of the app gets. */
  private env(extra: Record<string, string>): Record<string, string> {
    const { app } = this.github;
    return {
      APP_ID: String(app.appId),
      PRIVATE_KEY: app.privateKey,
      WEBHOOK_SECRET: app.webhookSecret,
      APP_SLUG: app.slug,
      GITHUB_API_URL: this.proxies.github.url,
      GITHUB_THROTTLE: 'off',
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: this.proxies.anthropic.url,
      PIPELINE_MODEL: 'claude-sonnet-4-6',
      PIPELINE_CODE_INDEX: 'off',
      PIPELINE_DATA_DIR: this.dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      WORKER_CONCURRENCY: '1',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      QUEUE_LOCK_DURATION_MS: '2000',
      ...(this.services
        ? {
            DATABASE_URL: this.services.databaseUrl,
            REDIS_URL: this.services.redisUrl,
            PIPELINE_REDIS_PREFIX: this.services.prefix,
          }
        : {}),
      ...extra,
    };
  }

  private async spawn(
    entry: AppEntry,
    name: string,
    extra: Record<string, string> = {},
  ): Promise<AppProcess> {
    const proc = AppProcess.start({ entry, name, env: this.env(extra) });
    this.processes.push(proc);
    // A process starting on a busy 2-core machine (PGlite, migrations, the sandbox check) can take over 30 s.
    const url = await proc.url(90_000);
    if (entry === 'main')
      this.github.setWebhookTarget(`${url}${WEBHOOK_PATH}`, this.github.app.webhookSecret);
    return proc;
  }

  /** Embedded: one `npm start` process. postgres+redis: a web-only process and two workers. */
  async startApp(): Promise<void> {
    if (this.backend === 'embedded') {
      await this.spawn('main', 'app');
      return;
    }
    await this.spawn('main', 'web', { PIPELINE_RUN_WORKER: 'false' });
    // One after the other: workers starting at the same moment on a fresh database race on LangGraph's
    // checkpoint migrations and one crashes (see the crash-recovery report); that is not what this tests.
    await this.startWorker();
    await this.startWorker();
  }

  /** One more worker process (postgres+redis), with a workspace directory of its own. */
  async startWorker(): Promise<AppProcess> {
    this.workerCount += 1;
    const name = `worker-${this.workerCount}`;
    const worker = await this.spawn('worker', name, { PIPELINE_DATA_DIR: join(this.dataDir, name) });
    await worker.waitForLine('the worker to start', (l) => l.msg === 'worker started');
    return worker;
  }

  /** Embedded: the process restarted on the same data directory, as after a crash. */
  async restartEmbedded(): Promise<AppProcess> {
    return this.spawn('main', `app (restart ${this.processes.length})`);
  }

  /** Opens the issue and labels it `pipeline`, as a maintainer would. */
  async openIssue(): Promise<number> {
    const issue = await this.github.openIssue(REPO, { ...CRASH_ISSUE, user: MAINTAINER });
    await this.github.addLabel(REPO, issue.number, 'pipeline', { by: MAINTAINER });
    return issue.number;
  }

  /** Merges a change into the default branch as a maintainer (the repository deploys every merge). */
  async mergeRelease(): Promise<{ prNumber: number; sha: string }> {
    await this.github.commitFiles(REPO, {
      branch: 'release',
      files: { 'README.md': '# widgets, released\n' },
      message: 'Release',
      by: MAINTAINER,
    });
    const { number } = await this.github.openPullRequest(REPO, {
      head: 'release',
      title: 'Release',
      by: MAINTAINER,
    });
    const { sha } = await this.github.mergePullRequest(REPO, number, { by: MAINTAINER });
    return { prNumber: number, sha };
  }

  /** The live process that is running the run's job (it logged `advancing run` for it). */
  async holder(timeoutMs = 5_000): Promise<AppProcess> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.processes.filter((p) => p.alive && p.lines.some((l) => l.msg === 'advancing run'));
      if (found.length === 1 && found[0]) return found[0];
      if (found.length > 1)
        throw new Error(`more than one process advanced the run: ${found.map((p) => p.name).join(', ')}`);
      if (Date.now() > deadline)
        throw new Error(
          `no live process is advancing the run\n${this.processes.map((p) => p.tail(10)).join('\n')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Output of every process, for a failure message. */
  logs(count = 15): string {
    return this.processes.map((p) => p.tail(count)).join('\n');
  }

  /** Kills every process, stops the twins and proxies, drops the database and the data directory. */
  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.kill()));
    await Promise.allSettled([this.proxies.github.close(), this.proxies.anthropic.close()]);
    await Promise.allSettled([this.github.close(), this.anthropic.close()]);
    await this.services?.drop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
