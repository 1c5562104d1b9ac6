import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type Caller } from '../auth/authenticate.js';
import type { TwinCore } from '../core.js';
import { TwinHttpError } from '../domain/errors.js';
import { loadRestSpec, matchOperation } from '../openapi/rest-spec.js';
import { RestValidator } from '../openapi/rest-validator.js';
import { acceptedPermissions, tokenAllows } from '../auth/token-access.js';
import { routes } from '../routes/index.js';
import { ROUTE_PERMISSIONS } from '../routes/permissions.js';
import type { Route, RouteContext, RouteRequest, RouteResult } from '../routes/types.js';
import type { WebhookSend } from '../webhooks/types.js';
import { errorBody, sendJson } from './send-json.js';

let validator: RestValidator | undefined;

function restValidator(): RestValidator {
  validator ??= new RestValidator(loadRestSpec());
  return validator;
}

function authFailure(route: Route, caller: Caller): RouteResult | null {
  if (route.auth === 'none') return null;
  if (caller.kind === 'invalid') {
    const message =
      route.auth === 'app' ? `A JSON web token could not be decoded: ${caller.reason}` : 'Bad credentials';
    return { status: 401, body: errorBody(message) };
  }
  if (caller.kind === 'anonymous') return { status: 401, body: errorBody('Requires authentication') };
  if (route.auth === 'app' && caller.kind !== 'app') {
    return { status: 401, body: errorBody('A JSON web token could not be decoded') };
  }
  if (route.auth === 'user' && caller.kind !== 'user') {
    return { status: 403, body: errorBody('Resource not accessible by integration') };
  }
  if (route.auth === 'installation' && caller.kind === 'user' && route.users) return null;
  if (route.auth === 'installation' && caller.kind !== 'installation') {
    return { status: 403, body: errorBody('Resource not accessible by integration') };
  }
  return null;
}

/** A token without the permission the operation needs: GitHub's 403 naming the permissions it accepts. */
function permissionFailure(operationId: string, caller: Caller): RouteResult | null {
  const needs = ROUTE_PERMISSIONS[operationId];
  if (!needs || tokenAllows(caller, needs)) return null;
  return {
    status: 403,
    body: { ...errorBody('Resource not accessible by integration'), status: '403' },
    headers: { 'x-accepted-github-permissions': acceptedPermissions(needs) },
  };
}

async function runRoute(route: Route, ctx: RouteContext, request: RouteRequest): Promise<RouteResult> {
  try {
    return await route.handle(ctx, request);
  } catch (error) {
    if (error instanceof TwinHttpError) {
      return { status: error.status, body: errorBody(error.message, error.errors) };
    }
    throw error;
  }
}

export interface RestOutcome {
  status: number;
  operationId: string | null;
  webhooks: WebhookSend[];
}

/**
 * Answers one REST request: match the documented operation, authenticate, validate the request, run the
 * route, validate the answer, send it. Webhooks the route caused are returned to be sent afterwards.
 */
export async function handleRest(
  core: TwinCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: unknown,
): Promise<RestOutcome> {
  const method = req.method ?? 'GET';
  const record = (
    part: string,
    operationId: string,
    pointer: string,
    message: string,
    kind: 'request' | 'response' | 'unknown-endpoint' = 'request',
  ) => core.violations.record({ kind, operationId, method, path: url.pathname, part, pointer, message });
  const match = matchOperation(loadRestSpec(), method, url.pathname);
  const route = match ? routes[match.op.operationId] : undefined;
  if (!match || !route) {
    const what = match
      ? `${match.op.operationId} is documented but the twin does not implement it`
      : 'GitHub documents no such endpoint';
    record('path', match?.op.operationId ?? '(none)', url.pathname, what, 'unknown-endpoint');
    sendJson(res, 404, errorBody('Not Found'));
    return { status: 404, operationId: match?.op.operationId ?? null, webhooks: [] };
  }
  const operationId = match.op.operationId;
  if (body instanceof Error) {
    record('body', operationId, '/', `body is not JSON: ${body.message}`);
    sendJson(res, 400, errorBody('Problems parsing JSON'));
    return { status: 400, operationId, webhooks: [] };
  }
  const caller = authenticate(req.headers.authorization, {
    appId: core.ctx.app.appId,
    publicKeyPem: core.publicKeyPem,
    tokens: core.tokens,
    oauth: core.oauth,
  });
  const denied = authFailure(route, caller) ?? permissionFailure(operationId, caller);
  if (denied) {
    sendJson(res, denied.status, denied.body, denied.headers);
    return { status: denied.status, operationId, webhooks: [] };
  }
  const issues = restValidator().validateRequest(match, url.searchParams, body);
  for (const issue of issues) record(issue.part, operationId, issue.pointer, issue.message);
  if (issues.length > 0) {
    const errors = issues.map((i) => ({
      resource: operationId,
      field: i.pointer,
      code: 'invalid',
      message: i.message,
    }));
    sendJson(res, 422, errorBody('Validation Failed', errors));
    return { status: 422, operationId, webhooks: [] };
  }
  const webhooks: WebhookSend[] = [];
  const ctx: RouteContext = { ...core.ctx, tokens: core.tokens, emit: (w) => webhooks.push(w) };
  const accept = req.headers.accept ?? '';
  const request = { path: url.pathname, params: match.params, query: url.searchParams, body, caller, accept };
  const result = await runRoute(route, ctx, request);
  if (result.raw) {
    res.writeHead(result.status, { 'content-type': result.raw.contentType, ...result.headers });
    res.end(result.raw.data);
    return { status: result.status, operationId, webhooks };
  }
  if (result.status >= 200 && result.status < 300) {
    for (const issue of restValidator().validateResponse(match, result.status, result.body)) {
      record(issue.part, operationId, issue.pointer, issue.message, 'response');
    }
  }
  sendJson(res, result.status, result.body, result.headers);
  return { status: result.status, operationId, webhooks };
}
