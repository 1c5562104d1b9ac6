import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleGitRequest, isGitPath } from '../../git/smart-http.js';
import type { TwinCore } from '../core.js';
import { gitDeps } from './git-deps.js';
import { handleGraphqlRequest } from './graphql-endpoint.js';
import { handleOAuth, OAUTH_PATHS } from './oauth-endpoints.js';
import { parseJsonBody, readBody } from './read-body.js';
import { tokenScopeOf, type RequestLogEntry } from './request-log.js';
import { handleRest, type RestOutcome } from './rest-pipeline.js';
import { sendJson } from './send-json.js';

async function answer(
  core: TwinCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<RestOutcome> {
  const method = req.method ?? 'GET';
  if (isGitPath(url.pathname)) {
    const work = handleGitRequest(req, res, url, gitDeps(core));
    core.dispatcher.track(work);
    await work;
    return { status: res.statusCode, operationId: 'git', webhooks: [] };
  }
  const body = parseJsonBody(await readBody(req));
  const fault = core.faults.take(method, url.pathname);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.answer) {
    sendJson(res, fault.answer.status, fault.answer.body, fault.answer.headers);
    return { status: fault.answer.status, operationId: null, webhooks: [] };
  }
  if (OAUTH_PATHS.has(url.pathname)) {
    return { status: handleOAuth(core, req, res, url, body), operationId: 'oauth', webhooks: [] };
  }
  if (url.pathname === '/graphql' || url.pathname === '/api/graphql') {
    return handleGraphqlRequest(core, req, res, body);
  }
  return handleRest(core, req, res, url, body);
}

async function onRequest(core: TwinCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const token = tokenScopeOf(req, core.tokens, core.ctx.state);
  const entry: RequestLogEntry = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search,
    status: 0,
    operationId: null,
    at: new Date().toISOString(),
    ...(token ? { token } : {}),
  };
  core.requests.push(entry);
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  try {
    const outcome = await answer(core, req, res, url);
    entry.operationId = outcome.operationId;
    core.dispatcher.enqueue(outcome.webhooks);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    core.violations.record({
      kind: 'response',
      operationId: entry.operationId ?? '(twin)',
      method: entry.method,
      path: entry.path,
      part: 'twin',
      pointer: '/',
      message: `the twin failed: ${message}`,
    });
    if (!res.headersSent) sendJson(res, 500, { message: 'GitHub twin internal error', detail: message });
    else res.end();
  }
}

/** Starts the twin's HTTP server on a free 127.0.0.1 port; resolves with the server and its base URL. */
export async function listen(core: TwinCore): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((req, res) => {
    void onRequest(core, req, res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}
