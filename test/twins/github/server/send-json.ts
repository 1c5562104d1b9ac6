import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const DOCS = 'https://docs.github.com/rest';

/** Writes a JSON answer with the headers GitHub sends on every REST response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const reset = String(Math.floor(Date.now() / 1000) + 3600);
  const base: Record<string, string> = {
    'x-github-request-id': randomUUID().toUpperCase().slice(0, 23),
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': reset,
    'x-ratelimit-resource': 'core',
  };
  if (status === 204 || body === undefined) {
    res.writeHead(status, { ...base, ...headers });
    res.end();
    return;
  }
  res.writeHead(status, { ...base, 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function errorBody(message: string, errors?: Record<string, unknown>[]): Record<string, unknown> {
  return { message, documentation_url: DOCS, ...(errors ? { errors } : {}) };
}
