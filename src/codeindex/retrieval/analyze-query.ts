import { splitIdentifier, stem, tokenize } from '../embedding/tokenize.js';
import { titleOf } from './file-kind-prior.js';

export interface QueryAnalysis {
  text: string;
  tokens: string[];
  /** Path-like strings (`lib/core/Axios.js`, `Axios.js`, stack-trace frames), lower-cased, without `./`. */
  paths: string[];
  /** Identifiers that look like code: camelCase, PascalCase, snake_case, dotted, in backticks or called. */
  identifiers: string[];
  /** The first non-empty line. */
  title: string;
  /** Words of the title's scope, stemmed: `fix(fetch):`, `printer: …`, `[router] …` → fetch, printer, router. */
  scopes: string[];
}

const PATH_MENTION =
  /(?:[A-Za-z]:)?[\w.@/-]*[\w-]+\.(?:[cm]?[jt]sx?|py|go|java|kt|rs|md|json|ya?ml|rb|php|cs|c|h|cc|cpp|hpp|swift|vue|svelte)\b/g;
const CODE_LIKE =
  /`([^`]{2,80})`|\b([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+)\b|\b([A-Za-z_$][\w$]*)\s*\(|\b([a-z]+[A-Z][\w$]*|[A-Z][a-z0-9]+[A-Z][\w$]*|[a-z0-9]+_[a-z0-9_]+)\b/g;

const SCOPE = /^\s*\w+\(([^)]+)\)!?:|^\s*\[([^\]]+)\]|^\s*([A-Za-z][\w./-]{1,30}):\s/;
/** Conventional-commit types, which scope nothing. */
const NOT_A_SCOPE = /^(fix|bug|feat|chore|refactor|perf|docs?|test|build|ci)$/i;

/** Words of a name, whole and split, lower-cased and stemmed: `language-graphql` → language, graphql, graph. */
export function nameWords(name: string): Set<string> {
  const out = new Set<string>();
  for (const part of name.split(/[^A-Za-z0-9]+/)) if (part.length >= 3) out.add(stem(part.toLowerCase()));
  for (const word of splitIdentifier(name)) if (word.length >= 3) out.add(stem(word));
  return out;
}

function scopeWords(title: string): string[] {
  const m = SCOPE.exec(title);
  const raw = m?.[1] ?? m?.[2] ?? m?.[3];
  return raw && !NOT_A_SCOPE.test(raw) ? [...nameWords(raw)] : [];
}

/** Pulls the signals a retrieval can use from free text: tokens, mentioned paths and code identifiers. */
export function analyzeQuery(text: string): QueryAnalysis {
  const paths = new Set<string>();
  for (const m of text.matchAll(PATH_MENTION)) {
    const cleaned = m[0]
      .replace(/^[A-Za-z]:/, '')
      .replace(/\\/g, '/')
      .replace(/^\.?\//, '')
      .toLowerCase();
    if (cleaned.length > 3 && !/^\d/.test(cleaned)) paths.add(cleaned);
  }
  const identifiers = new Set<string>();
  for (const m of text.matchAll(CODE_LIKE)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (!raw) continue;
    for (const part of raw.split(/[^\w$]+/)) {
      if (part.length >= 3 && !/^\d+$/.test(part)) identifiers.add(part.toLowerCase());
    }
  }
  const title = titleOf(text);
  return {
    text,
    tokens: tokenize(text),
    paths: [...paths],
    identifiers: [...identifiers],
    title,
    scopes: scopeWords(title),
  };
}
