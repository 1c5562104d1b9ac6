import { mkdtemp } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appKeyPair } from './auth/app-key.js';
import { InstallationTokens } from './auth/installation-tokens.js';
import { OAuthFlow } from './auth/oauth.js';
import type { AppInfo } from './context.js';
import type { TwinCore } from './core.js';
import { FaultInjector } from './faults.js';
import { listen } from './server/http-server.js';
import { TwinState } from './state.js';
import { GitHubTwin } from './twin.js';
import { ViolationLog } from './violations.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

export interface GitHubTwinOptions {
  /** App slug; the bot user is `<slug>[bot]`. */
  appSlug?: string;
  appName?: string;
  /** Secret webhooks are signed with (random by default). */
  webhookSecret?: string;
  /** Where webhooks go; can also be set later with `twin.setWebhookTarget()`. */
  webhookTarget?: { url: string; secret?: string };
}

/**
 * Starts a GitHub twin on a free 127.0.0.1 port. Its OpenAPI and GraphQL descriptions are loaded on the
 * first request that needs them and cached for the process.
 */
export async function startGitHubTwin(options: GitHubTwinOptions = {}): Promise<GitHubTwin> {
  const state = new TwinState();
  const slug = options.appSlug ?? 'agentic-pipeline';
  const keys = appKeyPair();
  const appId = state.ids.next('app', 100);
  const app: AppInfo = {
    appId,
    slug,
    name: options.appName ?? 'Agentic Dev Pipeline',
    owner: state.user('pipeline-maintainers', 'Organization'),
    botUser: state.user(`${slug}[bot]`, 'Bot'),
    privateKey: keys.privateKeyPem,
    publicKey: keys.publicKeyPem,
    webhookSecret: options.webhookSecret ?? randomBytes(20).toString('hex'),
    clientId: `Iv1.${randomBytes(8).toString('hex')}`,
    clientSecret: randomBytes(20).toString('hex'),
  };
  const violations = new ViolationLog();
  const tempDir = await mkdtemp(join(tmpdir(), 'github-twin-'));
  const core: TwinCore = {
    ctx: { state, baseUrl: '', app },
    tokens: new InstallationTokens(),
    oauth: new OAuthFlow(),
    dispatcher: new WebhookDispatcher({ appId, violations }),
    violations,
    faults: new FaultInjector(),
    requests: [],
    gitRoot: tempDir,
    publicKeyPem: keys.publicKeyPem,
  };
  const { server, baseUrl } = await listen(core);
  core.ctx.baseUrl = baseUrl;
  if (options.webhookTarget) {
    core.dispatcher.setTarget(options.webhookTarget.url, options.webhookTarget.secret ?? app.webhookSecret);
  }
  return new GitHubTwin(core, server, tempDir);
}

export { GitHubTwin, type TwinAppCredentials } from './twin.js';
export type { FaultRule, FaultStatus } from './faults.js';
export type { Violation } from './violations.js';
export type { DeliveryRecord, DeliveryResult } from './webhooks/types.js';
export type { RequestLogEntry } from './server/request-log.js';
export type { Permission } from './state.js';
