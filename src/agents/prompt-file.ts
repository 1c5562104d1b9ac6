import { readFileSync } from 'node:fs';

/**
 * A prompt kept as a Markdown file beside its agent (or node), with `{{name}}` placeholders. Loading checks that the
 * placeholders in the file are exactly the ones the code fills, so a renamed variable fails at start-up,
 * not as a silently empty prompt.
 */
export function promptFile<const K extends string>(
  url: URL,
  keys: readonly K[],
): (values: Record<K, string>) => string {
  const text = readFileSync(url, 'utf8');
  const found = new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
  const expected = new Set<string>(keys);
  const missing = [...expected].filter((k) => !found.has(k));
  const unknown = [...found].filter((k): k is string => k !== undefined && !expected.has(k));
  if (missing.length || unknown.length) {
    throw new Error(
      `prompt ${url.pathname}: placeholders missing ${JSON.stringify(missing)}, unknown ${JSON.stringify(unknown)}`,
    );
  }
  // One pass over the template: values are never re-scanned, so text inside them cannot inject placeholders.
  return (values) => text.replace(/\{\{(\w+)\}\}/g, (_m, key: K) => values[key]);
}
