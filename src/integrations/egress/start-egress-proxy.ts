import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { createProxy } from 'proxy';
import type { Logger } from '../../monitoring/logger.js';
import { matchAllowList } from './match-allow-list.js';

/** A request the proxy refused: its target and how often it was tried. */
export interface BlockedRequest {
  host: string;
  port: number;
  /** `CONNECT` (HTTPS and other tunnels) or the HTTP method of a plain-HTTP request. */
  method: string;
  count: number;
}

export interface EgressProxy {
  /** Private directory (0700) holding the proxy's Unix socket, `proxy.sock`. */
  readonly socketDir: string;
  /** The refused requests so far, one entry per host, port and method. */
  blocked(): BlockedRequest[];
  /** Stops listening, cuts open tunnels and removes the socket directory. */
  close(): Promise<void>;
}

export const EGRESS_SOCKET_NAME = 'proxy.sock';
/** Distinct refused targets kept per proxy; a command trying thousands of hosts cannot grow the list further. */
const MAX_BLOCKED_KEPT = 100;

/**
 * An HTTP/HTTPS (CONNECT) proxy, the `proxy` package, on a Unix socket in a private temp directory, that lets
 * through only targets on the allow-list and answers everything else `403` with the reason, logged and kept for
 * the caller. The target is read exactly as the proxy itself reads it, so what is checked is what it dials.
 */
export async function startEgressProxy(options: {
  allow: readonly string[];
  logger: Logger;
}): Promise<EgressProxy> {
  const allowed = matchAllowList(options.allow);
  const blocked = new Map<string, BlockedRequest>();
  const refuse = (host: string, port: number, method: string): string => {
    const key = `${method} ${host}:${port}`;
    const seen = blocked.get(key);
    if (seen) seen.count += 1;
    else if (blocked.size < MAX_BLOCKED_KEPT) {
      blocked.set(key, { host, port, method, count: 1 });
      options.logger.warn({ host, port, method }, `egress refused: ${host}:${port} is not on the allow-list`);
    }
    return `${host}:${port} is not on this pipeline's network allow-list; add it to network.allow in .github/pipeline.yml\n`;
  };

  // The package's listeners do the proxying; this server only decides which requests reach them.
  const inner = createProxy(createServer());
  const server = createServer();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const target = plainHttpTarget(req.url);
    if (!target) return answer(res, 400, 'only absolute http:// URLs (or CONNECT for https) are proxied\n');
    if (!allowed(target.host, target.port)) {
      return answer(res, 403, refuse(target.host, target.port, req.method ?? 'GET'));
    }
    inner.emit('request', req, res);
  });
  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = connectTarget(req.url);
    if (!target) return endRaw(socket, 400, 'CONNECT needs host:port\n');
    if (!allowed(target.host, target.port))
      return endRaw(socket, 403, refuse(target.host, target.port, 'CONNECT'));
    inner.emit('connect', req, socket, head);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const socketDir = await mkdtemp(join(tmpdir(), 'pipeline-egress-'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(join(socketDir, EGRESS_SOCKET_NAME), () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    socketDir,
    blocked: () => [...blocked.values()].map((entry) => ({ ...entry })),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}

/** Where a plain-HTTP proxy request goes; undefined unless its URL is absolute `http://` (origin-form is refused). */
function plainHttpTarget(url: string | undefined): { host: string; port: number } | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') return undefined;
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 80) };
}

/** `host:port` of a CONNECT, split at the last colon as the proxy package does. */
function connectTarget(url: string | undefined): { host: string; port: number } | undefined {
  const lastColon = url?.lastIndexOf(':') ?? -1;
  if (!url || lastColon <= 0) return undefined;
  const port = Number(url.slice(lastColon + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return { host: url.slice(0, lastColon).replace(/^\[|\]$/g, ''), port };
}

function answer(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(reason);
}

/** A CONNECT's socket has no ServerResponse: the refusal is written as raw HTTP, then the socket is closed. */
function endRaw(socket: Duplex, status: 400 | 403, reason: string): void {
  const text = status === 403 ? 'Forbidden' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(reason)}\r\n` +
      `connection: close\r\n\r\n${reason}`,
  );
}
