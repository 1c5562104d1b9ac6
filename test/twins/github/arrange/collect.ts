import type { TwinCore } from '../core.js';
import type { DeliveryResult, Emit, WebhookSend } from '../webhooks/types.js';

/** Runs a state change as a user on github.com would, then delivers the webhooks it caused, in order. */
export async function withWebhooks<T>(
  core: TwinCore,
  change: (emit: Emit) => T | Promise<T>,
): Promise<{ result: T; deliveries: DeliveryResult[] }> {
  const sends: WebhookSend[] = [];
  const result = await change((w) => sends.push(w));
  const deliveries = await Promise.all(sends.map((s) => core.dispatcher.send(s)));
  return { result, deliveries };
}

export function userOf(core: TwinCore, login: string) {
  return core.ctx.state.user(login);
}

/** The one delivery a single-webhook change produced. */
export function onlyDelivery(deliveries: DeliveryResult[]): DeliveryResult {
  const [first] = deliveries;
  if (!first) throw new Error('GitHub twin: expected the change to send a webhook, but it sent none');
  return first;
}
