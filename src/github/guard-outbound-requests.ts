import { OutboundSecretError, scanTextForSecrets } from '../integrations/secrets/index.js';
import type { GitHubClient } from './client.js';

/** Request options that are not content the app writes (the route, auth headers, transport settings). */
const NOT_CONTENT = new Set(['method', 'url', 'baseUrl', 'headers', 'mediaType', 'request']);
const WRITES = new Set(['POST', 'PATCH', 'PUT']);
/** No secret is shorter; skipping shorter values keeps reactions and ids from costing a scan. */
const MIN_SCANNED_LENGTH = 8;

/** What a request writes on GitHub, as the subject of the sentence that says it was not sent. */
const SUBJECTS: ReadonlyArray<[RegExp, string]> = [
  [/\/comments\/\{comment_id\}\/replies$/, 'A reply to a review comment'],
  [/\/issues\/(\{issue_number\}\/)?comments/, 'A comment'],
  [/\/pulls(\/\{pull_number\})?$/, 'A pull request'],
  [/\/check-runs/, 'A check run'],
  [/\/deployments/, 'A deployment status'],
  [/\/issues/, 'An issue'],
];

/**
 * An Octokit plugin that checks every write the app makes through the REST or GraphQL API — comments and their
 * edits, pull request titles and bodies, review replies, check run titles, summaries, text and annotations —
 * for secrets (see `scanTextForSecrets`, with the app's own secret values) before it is sent. A hit throws
 * OutboundSecretError and nothing is sent. One place for every channel: a new operation is covered without
 * remembering to call a check.
 */
export function guardOutboundRequests(knownSecrets: readonly string[]) {
  return (octokit: Pick<GitHubClient, 'hook'>): void => {
    octokit.hook.before('request', async (options) => {
      if (!WRITES.has(options.method)) return;
      for (const [key, value] of Object.entries(options)) {
        // Route parameters (`{owner}`, `{repo}`) name where the request goes; they write nothing.
        if (NOT_CONTENT.has(key) || options.url.includes(`{${key}}`)) continue;
        const text = stringsIn(value).join('\n');
        if (text.length < MIN_SCANNED_LENGTH) continue;
        const findings = await scanTextForSecrets(text, key, { knownSecrets });
        if (findings.length > 0)
          throw new OutboundSecretError(subjectOf(options.method, options.url), findings);
      }
    });
  };
}

function subjectOf(method: string, url: string): string {
  return SUBJECTS.find(([route]) => route.test(url))?.[1] ?? `A GitHub request (${method} ${url})`;
}

/** Every string inside a request parameter (objects and arrays walked; numbers and booleans skipped). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    return Object.values(value).flatMap(stringsIn);
  }
  return [];
}
