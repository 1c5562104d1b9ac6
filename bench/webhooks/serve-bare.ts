import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createNodeMiddleware, Probot } from 'probot';
import type { RunningServer } from './serve-types.js';

export interface BareServerOptions {
  /** Work awaited before Probot's middleware sees the request (the `bare+commit` floor). */
  before?: (req: IncomingMessage) => Promise<unknown>;
}

/** The baseline: Probot's verified webhook middleware with an empty app, in a plain node:http server. */
export async function startBareServer(options: BareServerOptions = {}): Promise<RunningServer> {
  const secret = randomBytes(20).toString('hex');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const probot = new Probot({
    appId: 1,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    secret,
    log: pino({ level: 'silent' }),
  });
  const middleware = await createNodeMiddleware(() => {}, { probot });
  const handle = (req: IncomingMessage, res: Parameters<typeof middleware>[1]) =>
    middleware(req, res, () => {
      res.writeHead(404).end();
    });
  const { before } = options;
  const server = createServer((req, res) => {
    if (!before) return void handle(req, res);
    before(req).then(
      () => handle(req, res),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ready: {
      url: `http://127.0.0.1:${port}/api/github/webhooks`,
      webhookSecret: secret,
      repoFullName: 'bench-org/bench-repo',
      installationId: 1,
      sender: 'bench-dev',
    },
    stats: () => Promise.resolve(null),
    ensureIssues: (count) => Promise.resolve(count),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
