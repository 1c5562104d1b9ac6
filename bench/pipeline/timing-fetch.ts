import type { CallRecord } from './types.js';

const TOKEN = /\[BENCH-(\d+)\]/;

function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

function kindOf(url: URL, anthropicOrigin: string, githubOrigin: string): CallRecord['kind'] {
  if (url.origin === anthropicOrigin) return 'anthropic';
  if (url.origin === githubOrigin) return 'github';
  return 'other';
}

/**
 * Replaces `globalThis.fetch` (used by the Anthropic SDK, captured when its client is built, and by Octokit,
 * read per request) with one that times every call from the request until its body has been read in full.
 * The body is buffered before it is handed on, so "until read" does not depend on when the caller reads it;
 * the twins answer in one piece anyway. Install before `startApp`.
 */
export function installTimingFetch(anthropicUrl: string, githubUrl: string): CallRecord[] {
  const calls: CallRecord[] = [];
  const original = globalThis.fetch;
  const anthropicOrigin = new URL(anthropicUrl).origin;
  const githubOrigin = new URL(githubUrl).origin;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : input.toString());
    const kind = kindOf(url, anthropicOrigin, githubOrigin);
    const body = typeof init?.body === 'string' ? init.body : '';
    const token = kind === 'anthropic' ? TOKEN.exec(body) : null;
    const startMs = epochMs();
    const response = await original(input, init);
    const buffered = await response.arrayBuffer();
    calls.push({
      kind,
      method: init?.method ?? request?.method ?? 'GET',
      path: url.pathname,
      token: token?.[1] ? Number(token[1]) : null,
      startMs,
      endMs: epochMs(),
      status: response.status,
    });
    const bodyless = response.status === 204 || response.status === 304;
    const copy = new Response(bodyless ? null : buffered, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  };
  return calls;
}
