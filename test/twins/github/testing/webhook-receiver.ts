import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';

export interface ReceivedWebhook {
  event: string;
  deliveryId: string;
  signatureValid: boolean;
  headers: Record<string, string>;
  payload: unknown;
}

/** A tiny local webhook endpoint that verifies each delivery's `x-hub-signature-256` with the secret. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  url = '';
  private readonly server: Server;

  constructor(private readonly secret: string) {
    this.server = createServer((req, res) => {
      void this.onRequest(req, res);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/github/webhooks`;
    return this;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.from(chunk as Uint8Array));
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = String(value);
    const signatureValid = await verify(this.secret, body, headers['x-hub-signature-256'] ?? '');
    const payload: unknown = JSON.parse(body);
    this.received.push({
      event: headers['x-github-event'] ?? '',
      deliveryId: headers['x-github-delivery'] ?? '',
      signatureValid,
      headers,
      payload,
    });
    res.writeHead(signatureValid ? 202 : 401, { 'content-type': 'text/plain' });
    res.end(signatureValid ? 'accepted' : 'bad signature');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }
}

export function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  return new WebhookReceiver(secret).start();
}
