import type { ServerResponse } from 'node:http';

export type FailStatus = 400 | 401 | 429 | 500 | 529;

export interface FailNextOptions {
  status: FailStatus;
  /** How many of the next requests fail this way (default 1). */
  count?: number;
  /** Sent as `retry-after` (seconds). */
  retryAfter?: number;
  /** Sent as `retry-after-ms`, which the SDK prefers; keeps test retries fast. */
  retryAfterMs?: number;
}

const ERROR_TYPES: Record<FailStatus, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Injected invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  429: {
    type: 'rate_limit_error',
    message: 'Number of request tokens has exceeded your per-minute rate limit.',
  },
  500: { type: 'api_error', message: 'Internal server error' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** Answers with the API's error envelope: `{ type: "error", error: { type, message }, request_id }`. */
export function sendError(
  res: ServerResponse,
  status: FailStatus,
  headers: Record<string, string>,
  message = ERROR_TYPES[status].message,
): void {
  const requestId = headers['request-id'];
  const body = { type: 'error', error: { type: ERROR_TYPES[status].type, message }, request_id: requestId };
  res.writeHead(status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Headers for an injected failure: retry hints and, for 4xx other than 429, no retry. */
export function failureHeaders(
  fail: FailNextOptions,
  defaultRetryAfterMs: number | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const ms = fail.retryAfterMs ?? (fail.retryAfter === undefined ? defaultRetryAfterMs : undefined);
  if (ms !== undefined) headers['retry-after-ms'] = String(ms);
  if (fail.retryAfter !== undefined) headers['retry-after'] = String(fail.retryAfter);
  else if (fail.status === 429) headers['retry-after'] = String(Math.max(1, Math.ceil((ms ?? 1000) / 1000)));
  return headers;
}

/** A body sent as is instead of the API's answer: what a misconfigured proxy or gateway sends back. */
export interface RawAnswer {
  /** Default 200. */
  status?: number;
  contentType: string;
  body: string;
}
