import { createHmac } from 'node:crypto';

/** Sends a delivery again exactly as GitHub's "Redeliver" does: same body, same delivery id, signed. */
export async function redeliver(
  url: string,
  secret: string,
  delivery: { event: string; deliveryId: string; payload: Record<string, unknown> },
  signature?: string,
): Promise<Response> {
  const body = JSON.stringify(delivery.payload);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': delivery.event,
      'x-github-delivery': delivery.deliveryId,
      'x-hub-signature-256': signature ?? `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      'user-agent': 'GitHub-Hookshot/test',
    },
    body,
  });
}
