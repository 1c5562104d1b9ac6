import { createHmac, randomUUID } from 'node:crypto';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '../../src/runtime/start-web.js';
import { waitFor } from '../support/wait.js';
import { MAINTAINER, REPO, startHarness, type Harness } from './harness.js';

const MB = 1024 * 1024;
const PENDING_CAP = 2;
/** Well-formed, but not the app's: what anyone on the internet can put in the header. */
const FORGED_SIGNATURE = `sha256=${'0'.repeat(64)}`;

type Answer = { status: number; headers: IncomingMessage['headers']; body: string };

/** A delivery whose body is sent by hand, so a test controls how much of it ever leaves the client. */
type OpenDelivery = { req: ClientRequest; answer: Promise<Answer> };

describe('webhook requests whose body has not been verified yet', () => {
  let h: Harness;
  const open: ClientRequest[] = [];
  beforeAll(async () => {
    h = await startHarness({ worker: false, env: { WEBHOOK_MAX_PENDING_BODIES: String(PENDING_CAP) } });
  });
  afterAll(async () => {
    for (const req of open) req.destroy();
    await h.close();
  });

  function openDelivery(headers: Record<string, string | number>): OpenDelivery {
    const req = request(`${h.app.web?.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': randomUUID(),
        ...headers,
      },
    });
    open.push(req);
    const answer = new Promise<Answer>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    return { req, answer };
  }

  function closed(req: ClientRequest): Promise<void> {
    return new Promise((resolve) => (req.destroyed ? resolve() : req.once('close', () => resolve())));
  }

  /** The answer, or a failure naming what the server was still waiting for. */
  function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    return Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms),
      ),
    ]);
  }

  /** A complete delivery with a forged signature: 401 once read, or 503 when no body may be read now. */
  async function forgedDelivery(): Promise<number> {
    const body = '{"action":"labeled"}';
    const response = await fetch(`${h.app.web?.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': FORGED_SIGNATURE,
      },
      body,
    });
    await response.text();
    return response.status;
  }

  describe('without a signature', () => {
    it('is answered 401 while its 20 MB body is still being sent, and none of it is read', async () => {
      const delivery = openDelivery({ 'content-length': 20 * MB });
      delivery.req.write(Buffer.alloc(64 * 1024, 'a'));
      const answer = await within(delivery.answer, 5_000, 'the server waited for the rest of the body');
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({ error: 'signature missing or invalid' });
      expect(delivery.req.socket?.bytesWritten ?? 0).toBeLessThan(MB);
      // The server does not wait for the other 19.9 MB: it cuts the connection soon after answering.
      await within(closed(delivery.req), 5_000, 'the server kept the connection open for the rest');
    });
  });

  describe('declaring a body over GitHub’s 25 MB', () => {
    it('is answered 413 before the body is sent, and the client reads the answer', async () => {
      const delivery = openDelivery({ 'content-length': 26 * MB, 'x-hub-signature-256': FORGED_SIGNATURE });
      delivery.req.flushHeaders();
      const answer = await within(delivery.answer, 5_000, 'the server waited for the body');
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({ error: 'payload too large' });
    });

    it('is answered 413 within a second when the client waits for `100 Continue`, and the app stays healthy', async () => {
      const delivery = openDelivery({
        'content-length': 26 * MB,
        'x-hub-signature-256': FORGED_SIGNATURE,
        expect: '100-continue',
      });
      delivery.req.flushHeaders();
      const answer = await within(delivery.answer, 1_000, 'the server waited for the body');
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({ error: 'payload too large' });
      expect((await fetch(`${h.app.web?.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${h.app.web?.url}/readyz`)).status).toBe(200);
    });
  });

  describe('streaming a body past 25 MB without declaring its length', () => {
    it('is answered 413 that the client reads, instead of a reset connection', async () => {
      const chunk = new Uint8Array(MB).fill(97);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 40) return controller.close();
          sent += 1;
          controller.enqueue(chunk);
        },
      });
      const response = await fetch(`${h.app.web?.url}${WEBHOOK_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': FORGED_SIGNATURE,
        },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ error: 'payload too large' });
      expect(sent).toBeLessThan(40);
    });
  });

  describe(`beyond ${PENDING_CAP} bodies being read at once`, () => {
    it('is answered 503 with Retry-After without being read, until a slot is free again', async () => {
      const slow = [1, 2].map(() => {
        const delivery = openDelivery({ 'content-length': 1_000, 'x-hub-signature-256': FORGED_SIGNATURE });
        delivery.req.write('{"action":');
        delivery.answer.catch(() => undefined);
        return delivery;
      });
      await waitFor('a delivery refused while two slow bodies are read', async () => {
        return (await forgedDelivery()) === 503;
      });

      const unread = openDelivery({ 'content-length': 1_000, 'x-hub-signature-256': FORGED_SIGNATURE });
      unread.req.flushHeaders();
      const refused = await within(unread.answer, 5_000, 'the server waited for a body it had no room for');
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      await within(closed(unread.req), 5_000, 'the server kept the connection open for the body');

      // A sender that gives up frees its slot.
      slow[0]?.req.destroy();
      await waitFor('a delivery read again once a slow sender left', async () => {
        return (await forgedDelivery()) === 401;
      });
      slow[1]?.req.destroy();

      // GitHub's own deliveries still get through.
      const issue = await h.github.openIssue(REPO, { title: 'Still reachable', user: MAINTAINER });
      expect(issue.deliveries.map((d) => d.status)).toEqual([200]);
    });
  });

  it('still accepts a signed delivery that is complete', async () => {
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const response = await fetch(`${h.app.web?.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': `sha256=${createHmac('sha256', h.github.app.webhookSecret).update(body).digest('hex')}`,
      },
      body,
    });
    expect(response.status).toBe(200);
  });
});
