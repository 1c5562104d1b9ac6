import { stem as stemWord } from '../embedding/tokenize.js';
import { nameWords, type QueryAnalysis } from './analyze-query.js';

function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * How strongly the query points at a file by name: 1 when a mentioned path is a suffix of it (a stack
 * frame, `lib/core/Axios.js`), 0.8 for the same file name, 0.6 when its stem is a mentioned identifier,
 * 0.3 when its stem is a plain word of the query ("the fetch adapter" → `fetch.js`).
 */
export function pathSignals(paths: Iterable<string>, query: QueryAnalysis): Map<string, number> {
  const out = new Map<string, number>();
  if (query.paths.length === 0 && query.identifiers.length === 0) return out;
  const identifiers = new Set(query.identifiers);
  const words = new Set(query.tokens.filter((t) => t.length >= 3 && !t.includes(':')));
  const mentionedNames = new Set(query.paths.map((p) => p.slice(p.lastIndexOf('/') + 1)));
  for (const path of paths) {
    const lower = path.toLowerCase();
    let score = 0;
    if (
      query.paths.some(
        (p) => p.includes('/') && (lower.endsWith(`/${p}`) || lower === p || p.endsWith(`/${lower}`)),
      )
    )
      score = 1;
    else if (mentionedNames.has(lower.slice(lower.lastIndexOf('/') + 1))) score = 0.8;
    else {
      const stem = stemOf(path);
      if (stem.length >= 3 && stem !== 'index' && identifiers.has(stem)) score = 0.6;
      // Query tokens are stemmed ("typing" → typ), so the file's stem is too before they meet.
      else if (stem.length >= 4 && stem !== 'index' && (words.has(stem) || words.has(stemWord(stem))))
        score = 0.3;
    }
    if (score > 0) out.set(path, score);
  }
  return out;
}

/** The words of a path's folders and file name (without its extension), as `nameWords` makes them. */
export function pathWords(path: string): Set<string> {
  const words = new Set<string>();
  for (const segment of path.replace(/\.[^./]+$/, '').split('/'))
    for (const w of nameWords(segment)) words.add(w);
  return words;
}

/**
 * Whether the title's scope names the file's folder or name (`printer: …` → `crates/printer/src/util.rs`):
 * a title's scope is the component the reporter already narrowed the issue down to.
 */
export function matchesScope(path: string, query: QueryAnalysis): boolean {
  if (query.scopes.length === 0) return false;
  const words = pathWords(path);
  return query.scopes.some((s) => words.has(s));
}
