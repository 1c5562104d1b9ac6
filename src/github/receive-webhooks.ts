import type { ServerResponse } from 'node:http';
import type { Logger } from '../monitoring/logger.js';
import type { EventRouter, VerifiedEvent } from './event-router.js';
import type { VerifiedDeliveryHandler } from './verify-webhook-signature.js';

/**
 * Hands a verified delivery to the event router and answers GitHub once its handlers are done: 200 when
 * they are, 500 when one failed (so the delivery shows as failed and can be redelivered). Handlers still busy
 * after `answerTimeoutMs` (GitHub waits 10 s) get a 202 and go on in the background. The answer names no
 * internal error; the log does, with the delivery id. Called by `verifyWebhookSignature` with the body it
 * has read and checked.
 */
export function receiveWebhooks(
  router: EventRouter,
  options: { logger: Logger; answerTimeoutMs: number },
): VerifiedDeliveryHandler {
  const { logger, answerTimeoutMs } = options;
  return (req, res, body) => {
    const id = req.headers['x-github-delivery'];
    const name = req.headers['x-github-event'];
    if (typeof id !== 'string' || typeof name !== 'string' || !id || !name)
      return answer(res, 400, { error: 'x-github-event and x-github-delivery headers are required' });
    const payload = parseObject(body);
    if (!payload) return answer(res, 400, { error: 'the body is not a JSON object' });
    // Checked by `verifyWebhookSignature` before the body was read: `sha256=` and 64 hex digits.
    const signature = req.headers['x-hub-signature-256'];
    if (typeof signature !== 'string') return answer(res, 401, { error: 'signature missing or invalid' });
    const bodyDigest = signature.slice('sha256='.length);
    const event = { id, name, payload, bodyDigest } as VerifiedEvent;
    const timer = setTimeout(() => {
      logger.warn(
        { deliveryId: id, event: name, answerTimeoutMs },
        'webhook handlers still busy; answered 202',
      );
      answer(res, 202, { ok: true, status: 'still processing' });
    }, answerTimeoutMs);
    return router.receive(event).then(
      () => {
        clearTimeout(timer);
        answer(res, 200, { ok: true });
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error, deliveryId: id, event: name }, 'webhook handler failed');
        answer(res, 500, { error: 'the delivery could not be handled; it can be redelivered' });
      },
    );
  };
}

function parseObject(body: string): object | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Answers once: a delivery answered 202 on time-out is not answered again when its handlers end. */
function answer(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
