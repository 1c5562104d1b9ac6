import type { z } from 'zod';
import type { Caller } from '../auth/authenticate.js';
import type { InstallationTokens } from '../auth/installation-tokens.js';
import { tokenReaches } from '../auth/token-access.js';
import type { TwinContext } from '../context.js';
import { notFound, TwinHttpError } from '../domain/errors.js';
import type { RepoRecord, UserRecord } from '../state.js';
import type { Emit } from '../webhooks/types.js';

export interface RouteRequest {
  /** The URL path as requested, e.g. `/repos/acme/app/issues/1/comments`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  caller: Caller;
  /** The `Accept` header, e.g. `application/vnd.github.raw` for raw file contents. */
  accept: string;
}

/** A route's view of the twin: records, app, the installation tokens and a sink for webhooks. */
export interface RouteContext extends TwinContext {
  tokens: InstallationTokens;
  emit: Emit;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON answer (raw media types); it is sent as is and not checked against the JSON schemas. */
  raw?: { contentType: string; data: Buffer };
}

export interface Route {
  /** Who may call: the app itself (JWT), an installation (token), or anyone. */
  auth: 'app' | 'installation' | 'user' | 'none';
  /** An installation route a person's user token may call too (e.g. `GET /repos/{owner}/{repo}`). */
  users?: boolean;
  handle(ctx: RouteContext, req: RouteRequest): RouteResult | Promise<RouteResult>;
}

/** Routes keyed by the OpenAPI operationId they implement. */
export type RouteTable = Record<string, Route>;

/**
 * The repository named by `{owner}/{repo}`, visible only to tokens of the installation it belongs to that
 * name it (a token narrowed to other repositories gets 404, as for a private repository it cannot see).
 */
export function repoOf(ctx: RouteContext, req: RouteRequest): RepoRecord {
  const repo = ctx.state.findRepo(req.params['owner'] ?? '', req.params['repo'] ?? '');
  if (!repo || !tokenReaches(req.caller, repo)) throw notFound();
  return repo;
}

/** Who acts for a request: the person of a user token, the app's bot user for installation tokens. */
export function actor(ctx: RouteContext, caller?: Caller): UserRecord {
  if (caller?.kind === 'user') return ctx.state.users.get(caller.login.toLowerCase()) ?? ctx.app.botUser;
  return ctx.app.botUser;
}

export function intParam(req: RouteRequest, name: string): number {
  const value = Number(req.params[name]);
  if (!Number.isInteger(value)) throw notFound();
  return value;
}

/** Parses a request body with zod; a mismatch is GitHub's 422 "Validation Failed". */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    resource: 'Request',
    field: issue.path.join('.'),
    code: 'invalid',
    message: issue.message,
  }));
  throw new TwinHttpError(422, 'Validation Failed', errors);
}

/** One page of a list, with GitHub's `Link` header (`rel="next"`, `"last"`, …) so Octokit can paginate. */
export function pageOf<T>(
  ctx: RouteContext,
  req: RouteRequest,
  items: T[],
): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Number(req.query.get('per_page') ?? 30) || 30, 100);
  const page = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string): string => {
    const url = new URL(req.path, ctx.baseUrl);
    req.query.forEach((value, key) => url.searchParams.set(key, value));
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(target));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
  ];
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}
