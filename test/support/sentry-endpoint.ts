import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** The parts of a Sentry event the tests read. */
export type SentryEvent = {
  tags?: Record<string, string>;
  exception?: { values?: { type?: string; value?: string }[] };
  message?: string;
  level?: string;
  environment?: string;
};

/** A local Sentry ingest endpoint for project 42: what arrived, decoded, and every raw body. */
export interface SentryEndpoint {
  dsn: string;
  events: SentryEvent[];
  bodies: string[];
  close(): Promise<void>;
}

/** Envelopes are a header line, then pairs of item header and payload lines. */
export async function startSentryEndpoint(): Promise<SentryEndpoint> {
  const events: SentryEvent[] = [];
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      bodies.push(text);
      if (req.url?.split('?')[0] === '/api/42/envelope/') {
        const lines = text.split('\n').filter(Boolean);
        for (let i = 1; i + 1 < lines.length; i += 2) {
          const item = JSON.parse(lines[i] ?? '{}') as { type?: string };
          if (item.type === 'event') events.push(JSON.parse(lines[i + 1] ?? '{}') as SentryEvent);
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    dsn: `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/42`,
    events,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
