import type { Logger } from '../../monitoring/logger.js';
import type { GitHubClient, RepoRef } from '../client.js';
import type { WebhookDeps } from '../webhook-deps.js';
import type { TriggerScope } from './gate.js';

/** The parts of a webhook a trigger needs, whatever the event. */
export type TriggerEvent = {
  /** Delivery id (`X-GitHub-Delivery`). */
  id: string;
  /** `event.action`, e.g. `issues.labeled`. */
  name: string;
  /** Digest of the delivery's signed body (`DeliveryContext.bodyDigest`). */
  bodyDigest: string;
  octokit: GitHubClient;
  /** The event's logger; it carries the delivery id, repository and issue (see `event-router.ts`). */
  log: Logger;
  repo: RepoRef;
  repository: { full_name: string };
  /** The issue or pull request number. */
  number: number;
  sender: { login: string; type: string };
};

/** The scope every gate and trigger works in, with the event's logger. */
export function triggerScope(deps: WebhookDeps, event: TriggerEvent): TriggerScope {
  return {
    deps,
    log: event.log,
    octokit: event.octokit,
    repo: event.repo,
    repoFullName: event.repository.full_name,
    issueNumber: event.number,
    delivery: {
      id: event.id,
      event: event.name,
      bodyDigest: event.bodyDigest,
      sender: event.sender.login,
      repoFullName: event.repository.full_name,
      issueNumber: event.number,
    },
    sender: { login: event.sender.login, type: event.sender.type },
  };
}
