import type { Settings } from '../config/settings.js';
import type { Logger } from '../monitoring/logger.js';
import type { EventBus, RunQueue } from '../queue/index.js';
import type { Database } from '../storage/index.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { RepoConfigLoader } from './operations/load-repo-config.js';
import type { SenderPolicy } from './permissions/sender-policy.js';

/** What the webhook handlers need: they check, record and enqueue, nothing more. */
export type WebhookDeps = {
  settings: Settings;
  db: Database;
  queue: RunQueue;
  /** Status changes made from GitHub go out live too. */
  bus: EventBus;
  senderPolicy: SenderPolicy;
  configLoader: RepoConfigLoader;
  background: BackgroundTasks;
  logger: Logger;
};
