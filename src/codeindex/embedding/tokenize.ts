/**
 * Code-aware tokenisation shared by the local embedder and the lexical index.
 *
 * For `parseHTTPHeaders(raw_value)` it yields the whole identifiers (`parsehttpheaders`, `raw_value`)
 * and their parts (`parse`, `http`, `header`, `raw`, `value`); for `lib/core/Axios.js` it also yields
 * the path, the file name and its stem. Parts are lightly stemmed so "headers" meets `setHeader`.
 */
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/g;
const PATH_LIKE = /[A-Za-z0-9_.@-]*(?:\/[A-Za-z0-9_.@-]+)+|[A-Za-z0-9_-]+\.[A-Za-z]{1,5}\b/g;
const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])|([A-Z]+)([A-Z][a-z])/g;

/** Splits one identifier into lower-case words: `getHTTPResponse_code2` → get, http, response, code2. */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .replace(
      CAMEL_BOUNDARY,
      (_m, a: string | undefined, b: string | undefined, c: string | undefined, d: string | undefined) =>
        a !== undefined ? `${a} ${b}` : `${c} ${d}`,
    )
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1);
}

/** A deliberately light stemmer: plural and common verb endings only. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) {
    return word.slice(0, -1);
  }
  return word;
}

/** Path tokens: the full path, the file name and the file name without its extension. */
export function pathTokens(path: string): string[] {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  const stemName = dot > 0 ? base.slice(0, dot) : base;
  const out = [`path:${lower}`, `file:${base}`];
  if (stemName.length > 1) out.push(`file:${stemName}`);
  return out;
}

/** Tokens of a text, with repetitions (term frequency matters to the callers). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(PATH_LIKE)) {
    if (match[0].length > 2 && match[0].length < 200) out.push(...pathTokens(match[0].replace(/^\.\//, '')));
  }
  for (const match of text.matchAll(IDENTIFIER)) {
    const identifier = match[0];
    if (identifier.length > 64) continue;
    const parts = splitIdentifier(identifier);
    const whole = identifier.toLowerCase();
    if (parts.length !== 1 || parts[0] !== whole) {
      if (whole.length > 1) out.push(whole);
    }
    for (const part of parts) out.push(stem(part));
  }
  return out;
}

/** A text as bags of tokens: each distinct token with its frequency (in first-seen order) and the token count. */
export interface TermCounts {
  counts: Map<string, number>;
  length: number;
}

/** Tokenises a text once for everyone who needs its term frequencies (the local embedder, BM25). */
export function countTerms(text: string): TermCounts {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return { counts, length: tokens.length };
}
