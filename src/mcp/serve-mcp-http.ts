import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ApiToken } from '../config/api-tokens.js';
import { authenticate } from '../api/v1/principal.js';
import type { Middleware } from '../api/http-server.js';
import type { Logger } from '../monitoring/logger.js';
import { createServer } from './create-server.js';
import { MemoryEventStore } from './memory-event-store.js';
import { createPipelineApi } from './pipeline-api.js';

export const MCP_PATH = '/mcp';
const METADATA_PATH = '/.well-known/oauth-protected-resource';
const POLL_MS = 500;

export type McpHttpOptions = {
  /** The HTTP API's own fetch, answering as if the request came from `remoteAddress`. */
  apiFetch: (request: Request, remoteAddress: string | undefined) => Promise<Response>;
  tokens: readonly ApiToken[] | undefined;
  /** The server's public URL (`…/mcp`); unset: from the request's Host. */
  publicUrl: string | undefined;
  /** Browser origins allowed besides the server's own. */
  allowedOrigins: readonly string[];
  logger: Logger;
};

export type McpHttp = { route: Middleware; close(): Promise<void> };

type Session = {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  tokenDigest: string;
  lastSeen: number;
};

/** A session no request has started in this long is closed (a client gone without DELETE); over wait_for_run’s hour. */
const SESSION_IDLE_MS = 2 * 60 * 60_000;

/**
 * The controller over Streamable HTTP at `/mcp`, with the API's bearer tokens: RFC 9728 metadata at
 * `/.well-known/oauth-protected-resource` (and `…/mcp`), a `WWW-Authenticate` header pointing at it on 401,
 * the token's audience checked against this server's URL, `Origin` checked (DNS rebinding), and sessions whose
 * streams a client can resume with `Last-Event-ID`. A session belongs to the token that opened it.
 */
export function serveMcpHttp(options: McpHttpOptions): McpHttp {
  const sessions = new Map<string, Session>();
  const eventStore = new MemoryEventStore();
  const log = options.logger.child({ component: 'mcp' });
  const closeSession = (id: string, session: Session) => {
    sessions.delete(id);
    return session.server.close().catch((err: unknown) => log.warn({ err }, 'MCP session did not close'));
  };
  const sweeper = setInterval(() => {
    const idleSince = Date.now() - SESSION_IDLE_MS;
    for (const [id, session] of sessions) if (session.lastSeen < idleSince) void closeSession(id, session);
  }, 60_000);
  sweeper.unref();

  const resourceUrl = (req: IncomingMessage) =>
    options.publicUrl ?? `http://${req.headers.host ?? 'localhost'}${MCP_PATH}`;
  const metadataUrl = (req: IncomingMessage) => {
    const resource = new URL(resourceUrl(req));
    return `${resource.origin}${METADATA_PATH}${resource.pathname}`;
  };

  const route: Middleware = async (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === METADATA_PATH || path === `${METADATA_PATH}${MCP_PATH}`) {
      if (req.method !== 'GET') return plain(res, 405, 'Only GET.');
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(
        JSON.stringify({
          resource: resourceUrl(req),
          bearer_methods_supported: ['header'],
          resource_name: 'Agentic Dev Pipeline',
          resource_documentation: 'https://github.com/agentic-dev-pipeline#http-api',
        }),
      );
      return;
    }
    if (path !== MCP_PATH) return next();

    if (!originAllowed(req, resourceUrl(req), options.allowedOrigins)) {
      return plain(res, 403, 'This Origin may not use this server.');
    }
    const remoteAddress = req.socket.remoteAddress;
    const auth = authenticate(req.headers.authorization, remoteAddress, options.tokens);
    if (!auth.ok) {
      if (auth.status === 401) {
        const presented = Boolean(req.headers.authorization);
        res.setHeader(
          'www-authenticate',
          `Bearer resource_metadata="${metadataUrl(req)}"` +
            (presented
              ? `, error="invalid_token", error_description="${auth.detail.replace(/"/g, "'")}"`
              : ''),
        );
      }
      return plain(res, auth.status, auth.detail);
    }
    const audience = auth.principal.audience;
    if (audience && !audience.includes(resourceUrl(req))) {
      res.setHeader(
        'www-authenticate',
        `Bearer resource_metadata="${metadataUrl(req)}", error="invalid_token", error_description="The token is not for this server."`,
      );
      return plain(res, 401, `The token is for ${audience.join(', ')}, not ${resourceUrl(req)}.`);
    }

    const token = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const tokenDigest = createHash('sha256').update(`${auth.principal.actor}\u0000${token}`).digest('hex');
    const authInfo: AuthInfo = {
      token,
      clientId: auth.principal.actor,
      scopes: [auth.principal.access],
      extra: { remoteAddress, baseUrl: new URL(resourceUrl(req)).origin },
    };
    const request = Object.assign(req, { auth: authInfo });

    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (!session || session.tokenDigest !== tokenDigest) {
        return jsonRpcError(res, 404, 'Session not found: initialize a new one.');
      }
      session.lastSeen = Date.now();
      await session.transport.handleRequest(request, res);
      return;
    }
    if (req.method !== 'POST') return jsonRpcError(res, 400, 'Send initialize first (no Mcp-Session-Id).');
    const body = await readJson(req);
    if (!body.ok) return jsonRpcError(res, 400, body.error);
    if (!isInitializeRequest(body.value)) {
      return jsonRpcError(res, 400, 'No Mcp-Session-Id: the first request must be initialize.');
    }
    const server = createServer(
      {
        pollMs: POLL_MS,
        apiFor: (extra) => {
          const info = extra.authInfo ?? authInfo;
          const from = info.extra ?? {};
          return createPipelineApi({
            baseUrl: typeof from.baseUrl === 'string' ? from.baseUrl : 'http://localhost',
            token: info.token || undefined,
            fetch: (apiRequest) =>
              options.apiFetch(
                apiRequest,
                typeof from.remoteAddress === 'string' ? from.remoteAddress : undefined,
              ),
          });
        },
      },
      log,
    );
    const newSessionId = randomUUID();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => newSessionId,
      eventStore: eventStore.forSession(newSessionId),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, tokenDigest, lastSeen: Date.now() });
      },
    });
    transport.onclose = () => {
      sessions.delete(newSessionId);
      eventStore.forget(newSessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(request, res, body.value);
  };

  return {
    route,
    async close() {
      clearInterval(sweeper);
      await Promise.all([...sessions].map(([id, session]) => closeSession(id, session)));
    },
  };
}

/**
 * A request from a browser page names its origin; only this server's own and the configured ones may call (a
 * page on another site reaching a server on localhost through DNS rebinding does not). Non-browser clients
 * send no Origin.
 */
function originAllowed(req: IncomingMessage, resourceUrl: string, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === new URL(resourceUrl).origin || allowed.includes(origin);
}

const MAX_INITIALIZE_BYTES = 64 * 1024;

async function readJson(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_INITIALIZE_BYTES) return { ok: false, error: 'The initialize request is too large.' };
    chunks.push(buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, error: 'The body is not JSON.' };
  }
}

function plain(res: ServerResponse, status: number, detail: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: detail }));
}

function jsonRpcError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}
