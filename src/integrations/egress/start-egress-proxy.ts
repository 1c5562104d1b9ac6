import { lookup } from 'node:dns/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { createProxy } from 'proxy';
import type { Logger } from '../../monitoring/logger.js';
import { isPublicAddress } from './is-public-address.js';
import { matchAllowList } from './match-allow-list.js';

/** A request the proxy refused: its target, why, and how often it was tried. */
export interface BlockedRequest {
  host: string;
  port: number;
  /** `CONNECT` (HTTPS and other tunnels) or the HTTP method of a plain-HTTP request. */
  method: string;
  /** `not-allowed`: on no list; `private-address`: on the repository's list, but it resolves to a non-public address. */
  reason: 'not-allowed' | 'private-address';
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

export interface EgressProxyOptions {
  /** Entries the operator trusts (the registries, PIPELINE_EGRESS_ALLOW): reached at whatever address they have. */
  allow: readonly string[];
  /**
   * Entries from a repository's own config: reached only at public addresses, so a repository cannot point its
   * commands at the worker's own services (database, Redis, cloud metadata), by address or by a name resolving there.
   */
  allowPublic?: readonly string[] | undefined;
  logger: Logger;
}

type Target = { host: string; port: number };

export const EGRESS_SOCKET_NAME = 'proxy.sock';
/** Distinct refused targets kept per proxy; a command trying thousands of hosts cannot grow the list further. */
const MAX_BLOCKED_KEPT = 100;

/**
 * An HTTP/HTTPS (CONNECT) proxy, the `proxy` package, on a Unix socket in a private temp directory, that lets
 * through only targets on the allow-lists and answers everything else `403` with the reason, logged and kept for
 * the caller. The target is read exactly as the proxy itself reads it, so what is checked is what it dials; a
 * repository's entry is dialled at the public address that was checked (no second lookup to rebind).
 */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const trusted = matchAllowList(options.allow);
  const publicOnly = matchAllowList(options.allowPublic ?? []);
  const blocked = new Map<string, BlockedRequest>();
  const refuse = (target: Target, method: string, reason: BlockedRequest['reason']): string => {
    const { host, port } = target;
    const key = `${method} ${host}:${port}`;
    const seen = blocked.get(key);
    if (seen) seen.count += 1;
    else if (blocked.size < MAX_BLOCKED_KEPT) {
      blocked.set(key, { host, port, method, reason, count: 1 });
      options.logger.warn({ host, port, method, reason }, `egress refused: ${host}:${port} (${reason})`);
    }
    return reason === 'private-address'
      ? `${host}:${port} resolves to a non-public address; only the operator's PIPELINE_EGRESS_ALLOW can allow that\n`
      : `${host}:${port} is not on this pipeline's network allow-list; add it to network.allow in .github/pipeline.yml\n`;
  };
  /** The address to dial: the name itself when trusted, a checked public address for a repo's entry, or a refusal. */
  const decide = async (target: Target, method: string): Promise<{ dial: string } | { refusal: string }> => {
    if (trusted(target.host, target.port)) return { dial: target.host };
    if (!publicOnly(target.host, target.port)) return { refusal: refuse(target, method, 'not-allowed') };
    const addresses = await resolve(target.host);
    const first = addresses[0];
    if (first === undefined || !addresses.every(isPublicAddress)) {
      return { refusal: refuse(target, method, 'private-address') };
    }
    return { dial: first };
  };

  // The package's listeners do the proxying; this server only decides which requests reach them, and where.
  const inner = createProxy(createServer());
  const server = createServer();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = plainHttpUrl(req.url);
    if (!url) return answer(res, 400, 'only absolute http:// URLs (or CONNECT for https) are proxied\n');
    const target = { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };
    void decide(target, req.method ?? 'GET').then((decision) => {
      if ('refusal' in decision) return answer(res, 403, decision.refusal);
      url.hostname = hostForUrl(decision.dial);
      req.url = url.toString();
      inner.emit('request', req, res);
    }, failWith(res));
  });
  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = connectTarget(req.url);
    if (!target) return endRaw(socket, 400, 'CONNECT needs host:port\n');
    void decide(target, 'CONNECT').then(
      (decision) => {
        if ('refusal' in decision) return endRaw(socket, 403, decision.refusal);
        req.url = `${hostForUrl(decision.dial)}:${target.port}`;
        inner.emit('connect', req, socket, head);
      },
      (error: unknown) => endRaw(socket, 502, `${String(error)}\n`),
    );
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

/** Every address a name has (an address literal is itself). */
async function resolve(host: string): Promise<string[]> {
  if (isIP(host) !== 0) return [host];
  const found = await lookup(host, { all: true });
  return found.map((entry) => entry.address);
}

/** A plain-HTTP proxy request's URL; undefined unless absolute `http://` (origin-form is refused). */
function plainHttpUrl(url: string | undefined): URL | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' ? parsed : undefined;
}

/** `host:port` of a CONNECT, split at the last colon as the proxy package does. */
function connectTarget(url: string | undefined): Target | undefined {
  const lastColon = url?.lastIndexOf(':') ?? -1;
  if (!url || lastColon <= 0) return undefined;
  const port = Number(url.slice(lastColon + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return { host: url.slice(0, lastColon).replace(/^\[|\]$/g, ''), port };
}

function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

function failWith(res: ServerResponse) {
  return (error: unknown): void => answer(res, 502, `${String(error)}\n`);
}

function answer(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(reason);
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 502: 'Bad Gateway' };

/** A CONNECT's socket has no ServerResponse: the answer is written as raw HTTP, then the socket is closed. */
function endRaw(socket: Duplex, status: 400 | 403 | 502, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\ncontent-type: text/plain\r\n` +
      `content-length: ${Buffer.byteLength(reason)}\r\nconnection: close\r\n\r\n${reason}`,
  );
}
