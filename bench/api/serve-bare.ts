/**
 * The baseline for the API benchmark, in its own process: `node --import tsx bench/api/serve-bare.ts`.
 * A bare `node:http` server with no framework, auth or validation:
 * - `GET /stream`: an EventSource echo server: every message on the Redis channel BENCH_CHANNEL is written, as
 *   it came, to every connected client (the same transport the app's live events use, without the app);
 * - `GET /runs?limit=N`: the newest N runs straight from PostgreSQL with `pg`, as JSON.
 * Prints `{"ready":{"url":…}}` once listening; exits on SIGTERM.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';

const redisUrl = required('BENCH_REDIS_URL');
const channel = required('BENCH_CHANNEL');
const pool = new pg.Pool({ connectionString: required('BENCH_DATABASE_URL'), max: 10 });
const clients = new Set<ServerResponse>();

const subscriber = new Redis(redisUrl);
await subscriber.subscribe(channel);
subscriber.on('message', (_channel: string, message: string) => {
  const { id } = JSON.parse(message) as { id: number };
  const frame = `id: ${id}\ndata: ${message}\n\n`;
  for (const client of clients) client.write(frame);
});

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    clients.add(res);
    req.on('close', () => clients.delete(res));
    return;
  }
  if (url.pathname === '/runs') {
    const limit = Number(url.searchParams.get('limit') ?? 50);
    pool
      .query('SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT $1', [limit])
      .then(({ rows }) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ runs: rows }));
      })
      .catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    return;
  }
  res.writeHead(404);
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ ready: { url: `http://127.0.0.1:${port}` } })}\n`);
});
process.once('SIGTERM', () => {
  for (const client of clients) client.end();
  server.close();
  subscriber.disconnect();
  void pool.end().then(() => process.exit(0));
});

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`serve-bare.ts needs ${name}`);
  return value;
}
