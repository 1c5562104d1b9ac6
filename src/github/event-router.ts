import { Webhooks, type EmitterWebhookEvent } from '@octokit/webhooks';
import type { Logger } from '../monitoring/logger.js';
import { DeliveryContext } from './delivery-context.js';
import type { InstallationClients } from './installation-clients.js';

/** Routes a verified delivery to the handlers of its event, as a Probot `Context` (a `DeliveryContext`). */
export type EventRouter = Webhooks<Omit<DeliveryContext, keyof EmitterWebhookEvent>>;

/** A verified delivery as the router receives it: the event and the digest of its signed body. */
export type VerifiedEvent = EmitterWebhookEvent & { bodyDigest: string };

/**
 * The event router Probot would build, except that each event's `context.octokit` is the installation's
 * kept client instead of a new one (see `installation-clients.ts`), and `context.log` carries the delivery
 * id as `deliveryId` (like every other log line of the app), the repository and the issue or pull request.
 */
export function createEventRouter(options: {
  /** Unused for verification here (deliveries are verified before they are routed), but required. */
  secret: string;
  clients: InstallationClients;
  logger: Logger;
}): EventRouter {
  return new Webhooks({
    secret: options.secret,
    transform: async (event) =>
      new DeliveryContext(
        event,
        await options.clients.get(installationIdOf(event)),
        options.logger.child(logBindings(event)),
        bodyDigestOf(event),
      ),
  });
}

/** The router is only given `VerifiedEvent`s (see `receiveWebhooks`); anything else is a wiring mistake. */
function bodyDigestOf(event: EmitterWebhookEvent): string {
  if ('bodyDigest' in event && typeof event.bodyDigest === 'string') return event.bodyDigest;
  throw new Error(`delivery ${event.id} reached the event router without the digest of its body`);
}

function installationIdOf(event: EmitterWebhookEvent): number | undefined {
  const installation = 'installation' in event.payload ? event.payload.installation : undefined;
  return installation?.id;
}

function logBindings(event: EmitterWebhookEvent): Record<string, string | number> {
  const { payload } = event;
  const repo = 'repository' in payload ? payload.repository?.full_name : undefined;
  const issue =
    'issue' in payload && payload.issue
      ? payload.issue.number
      : 'pull_request' in payload && payload.pull_request
        ? payload.pull_request.number
        : undefined;
  return {
    deliveryId: event.id,
    event: 'action' in payload && payload.action ? `${event.name}.${payload.action}` : event.name,
    ...(repo ? { repo } : {}),
    ...(issue !== undefined ? { issue } : {}),
  };
}
