import type { z } from 'zod';
import type { Caller } from '../auth/authenticate.js';
import type { InstallationTokens } from '../auth/installation-tokens.js';
import type { TwinContext } from '../context.js';
import { notFound, TwinHttpError } from '../domain/errors.js';
import type { RepoRecord, UserRecord } from '../state.js';
import type { Emit } from '../webhooks/types.js';

export interface RouteRequest {
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
  auth: 'app' | 'installation' | 'none';
  handle(ctx: RouteContext, req: RouteRequest): RouteResult | Promise<RouteResult>;
}

/** Routes keyed by the OpenAPI operationId they implement. */
export type RouteTable = Record<string, Route>;

/** The repository named by `{owner}/{repo}`, visible only to the installation it belongs to. */
export function repoOf(ctx: RouteContext, req: RouteRequest): RepoRecord {
  const repo = ctx.state.findRepo(req.params['owner'] ?? '', req.params['repo'] ?? '');
  if (!repo) throw notFound();
  if (req.caller.kind === 'installation' && req.caller.installationId !== repo.installationId)
    throw notFound();
  return repo;
}

/** Who acts for a request: the app's bot user for installation tokens. */
export function actor(ctx: RouteContext): UserRecord {
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

/** Applies `per_page`/`page` like GitHub's list endpoints. */
export function paginate<T>(items: T[], query: URLSearchParams): T[] {
  const perPage = Math.min(Number(query.get('per_page') ?? 30) || 30, 100);
  const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
  return items.slice((page - 1) * perPage, page * perPage);
}
