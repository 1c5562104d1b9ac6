import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
/** The only signature header GitHub sends: HMAC SHA-256 in lower-case hex. */
const SIGNATURE = /^sha256=[0-9a-f]{64}$/;
/** GitHub Apps always deliver JSON (`application/json`); Probot's middleware refuses anything else too. */
const JSON_CONTENT_TYPE = /^\s*application\/json\s*(?:;|$)/i;
/** Seconds a sender is asked to wait when too many bodies are being read. */
const RETRY_AFTER_SECONDS = '5';
/** How long the rest of a refused body is read and dropped before the connection is cut. */
const LINGER_MS = 1_000;

/** What handles a delivery once its signature is checked: the raw body is handed over as an argument. */
export type VerifiedDeliveryHandler = (req: IncomingMessage, res: ServerResponse, body: string) => unknown;

type Refusal = { status: number; headers: Record<string, string>; body: string };

const JSON_HEADERS = { 'content-type': 'application/json' };
const UNSIGNED: Refusal = {
  status: 401,
  headers: JSON_HEADERS,
  body: '{"error":"signature missing or invalid"}',
};
const NOT_JSON: Refusal = {
  status: 415,
  headers: JSON_HEADERS,
  body: '{"error":"content type must be application/json"}',
};
const TOO_LARGE: Refusal = { status: 413, headers: JSON_HEADERS, body: '{"error":"payload too large"}' };
const BUSY: Refusal = {
  status: 503,
  headers: { ...JSON_HEADERS, 'retry-after': RETRY_AFTER_SECONDS },
  body: '{"error":"too many deliveries are being received; send it again later"}',
};
const UNREADABLE: Refusal = {
  status: 400,
  headers: JSON_HEADERS,
  body: '{"error":"could not read the body"}',
};

/**
 * Checks `x-hub-signature-256` before anything parses the body: a delivery that is unsigned or signed with
 * another secret gets 401 and nothing else happens. What the headers already rule out is refused before a
 * byte of the body is read (no signature: 401; not JSON: 415; a declared length over GitHub's 25 MB: 413), and
 * at most `maxPendingBodies` bodies are read at once: beyond that a delivery is answered 503 with
 * `Retry-After` at once, so unsigned senders cannot make the process hold their bodies. A refused body is never
 * kept: the answer is written first, the rest of the body is read and dropped for a moment (a client still
 * sending would otherwise see a reset instead of the answer), then the connection is cut.
 * The verified raw body goes straight to `receive`.
 * It is passed as an argument, not kept beside the request in a WeakMap: V8's young-generation collector keeps
 * a WeakMap's values alive one more collection after their keys died, so every body would be copied again
 * (figures: bench/README.md).
 */
export function verifyWebhookSignature(options: {
  secret: string;
  path: string;
  maxPendingBodies: number;
  receive: VerifiedDeliveryHandler;
}): (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown {
  const { secret, path, maxPendingBodies, receive } = options;
  let pending = 0;
  return (req, res, next) => {
    if (!isDeliveryRequest(req, path)) return next();
    const signature = req.headers['x-hub-signature-256'];
    if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return refuse(req, res, UNSIGNED);
    if (!JSON_CONTENT_TYPE.test(req.headers['content-type'] ?? '')) return refuse(req, res, NOT_JSON);
    if (Number(req.headers['content-length'] ?? 0) > MAX_PAYLOAD_BYTES) return refuse(req, res, TOO_LARGE);
    if (pending >= maxPendingBodies) return refuse(req, res, BUSY);
    pending += 1;
    return readBody(req).then(
      async (body) => {
        pending -= 1;
        const valid = await verify(secret, body, signature).catch(() => false);
        if (!valid) return refuse(req, res, UNSIGNED);
        return receive(req, res, body);
      },
      (error: unknown) => {
        pending -= 1;
        refuse(req, res, error instanceof PayloadTooLargeError ? TOO_LARGE : UNREADABLE);
      },
    );
  };
}

/** A POST to the webhook path: what GitHub sends a delivery as. */
function isDeliveryRequest(req: IncomingMessage, path: string): boolean {
  return req.method === 'POST' && req.url?.split('?')[0] === path;
}

/**
 * Answers a refused delivery. Node reads and drops whatever of the body is still coming, so a client that is
 * still sending reads the answer; one still sending after `LINGER_MS` has its connection cut.
 */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) return;
  res.writeHead(refusal.status, refusal.headers).end(refusal.body);
  if (!req.complete) setTimeout(cutOff, LINGER_MS, req).unref();
}

function cutOff(req: IncomingMessage): void {
  if (!req.complete) req.socket.destroy();
}

class PayloadTooLargeError extends Error {}

/** The body as text; rejects once it outgrows the cap (later chunks are dropped) or the client goes away. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_PAYLOAD_BYTES) return;
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) {
        chunks.length = 0;
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
