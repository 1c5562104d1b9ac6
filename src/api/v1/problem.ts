import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** An RFC 9457 `application/problem+json` answer. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  const body = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json', ...headers });
}

/** Thrown by a route to answer with problem details (see `createApiV1`'s error handler). */
export class ApiProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}
