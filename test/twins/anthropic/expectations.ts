import type { RequestView } from './request-view.js';
import type { TurnExpectation } from './script.js';

/** One unmet expectation: what the script wanted and a snippet of what the request held. */
export interface ExpectationMiss {
  expected: string;
  got: string;
}

const SNIPPET = 400;

/** Shortens text for failure messages, keeping the start. */
export function snippet(text: string, max = SNIPPET): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}… (${flat.length} chars)` : flat;
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function includesAll(
  key: string,
  haystack: string,
  wanted: string | string[] | undefined,
): ExpectationMiss[] {
  return list(wanted)
    .filter((w) => !haystack.includes(w))
    .map((w) => ({ expected: `${key} ${JSON.stringify(w)}`, got: snippet(haystack) || '(empty)' }));
}

/** Compares a request with a turn's expectations; an empty list means it fits. */
export function checkExpectations(expect: TurnExpectation | undefined, view: RequestView): ExpectationMiss[] {
  if (!expect) return [];
  const results = view.lastToolResults.map((r) => r.text).join('\n');
  const misses = [
    ...includesAll('systemIncludes', view.system, expect.systemIncludes),
    ...includesAll('lastUserIncludes', view.lastUser, expect.lastUserIncludes),
    ...includesAll('lastToolResultIncludes', results, expect.lastToolResultIncludes),
  ];
  if (expect.lastToolResultIsError !== undefined) {
    const isError = view.lastToolResults.some((r) => r.isError);
    if (isError !== expect.lastToolResultIsError) {
      misses.push({
        expected: `lastToolResultIsError ${expect.lastToolResultIsError}`,
        got: `is_error ${isError}: ${snippet(results) || '(no tool results)'}`,
      });
    }
  }
  for (const name of expect.toolsInclude ?? []) {
    if (!view.toolNames.includes(name)) {
      misses.push({
        expected: `toolsInclude ${JSON.stringify(name)}`,
        got: `tools: ${view.toolNames.join(', ')}`,
      });
    }
  }
  for (const banned of expect.notIncludes ?? []) {
    const escaped = JSON.stringify(banned).slice(1, -1);
    const at = Math.max(view.everything.indexOf(banned), view.everything.indexOf(escaped));
    if (at >= 0) {
      misses.push({
        expected: `notIncludes ${JSON.stringify(banned)}`,
        got: `found at: …${snippet(view.everything.slice(Math.max(0, at - 80), at + 120))}…`,
      });
    }
  }
  return misses;
}
