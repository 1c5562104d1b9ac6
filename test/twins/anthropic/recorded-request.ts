import type { IncomingHttpHeaders } from 'node:http';

/** One request the twin received, for assertions. */
export interface RecordedRequest {
  /** The parsed JSON body (unvalidated when the request was refused). */
  body: unknown;
  /** Request headers without `x-api-key` and `authorization`. */
  headers: Record<string, string>;
  /** Script conversation that answered, `default`, or undefined when none did. */
  conversation: string | undefined;
  /** Number of assistant messages in the request. */
  turn: number;
  /** HTTP status the twin answered with. */
  status: number;
  /** Whether the answer was streamed. */
  stream: boolean;
}

const SECRET_HEADERS = new Set(['x-api-key', 'authorization']);

export function safeHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (SECRET_HEADERS.has(name) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** True when the text appears in the body, raw or JSON-escaped. */
export function bodyContains(request: RecordedRequest, text: string): boolean {
  const json = JSON.stringify(request.body);
  return json.includes(text) || json.includes(JSON.stringify(text).slice(1, -1));
}
