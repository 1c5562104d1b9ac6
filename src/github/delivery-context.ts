import type { EmitterWebhookEvent, EmitterWebhookEventName } from '@octokit/webhooks';
import { Context } from 'probot';
import type { Logger } from '../monitoring/logger.js';
import type { GitHubClient } from './client.js';

/**
 * Probot's `Context` for one verified delivery, with the digest of its signed body: the hex HMAC SHA-256 that
 * GitHub sent as `x-hub-signature-256` and the app checked. The same body always has the same digest, so a
 * body recorded once is recognised when it comes again under another delivery id (see `Delivery`).
 */
export class DeliveryContext<E extends EmitterWebhookEventName = EmitterWebhookEventName> extends Context<E> {
  readonly bodyDigest: string;

  constructor(event: EmitterWebhookEvent<E>, octokit: GitHubClient, log: Logger, bodyDigest: string) {
    super(event, octokit, log);
    this.bodyDigest = bodyDigest;
  }
}
