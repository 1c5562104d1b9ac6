import type { InstallationTokens } from './auth/installation-tokens.js';
import type { OAuthFlow } from './auth/oauth.js';
import type { TwinContext } from './context.js';
import type { FaultInjector } from './faults.js';
import type { RequestLogEntry } from './server/request-log.js';
import type { ViolationLog } from './violations.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';

/** Everything one running twin holds; the server, the arrange helpers and the inspectors share it. */
export interface TwinCore {
  ctx: TwinContext;
  tokens: InstallationTokens;
  /** The OAuth web flow: who is signed in in the browser, codes, user tokens. */
  oauth: OAuthFlow;
  dispatcher: WebhookDispatcher;
  violations: ViolationLog;
  faults: FaultInjector;
  requests: RequestLogEntry[];
  /** GIT_PROJECT_ROOT: bare repositories live at `<gitRoot>/<owner>/<repo>.git`. */
  gitRoot: string;
  publicKeyPem: string;
}
