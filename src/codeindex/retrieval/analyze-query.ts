import { tokenize } from '../embedding/tokenize.js';

export interface QueryAnalysis {
  text: string;
  tokens: string[];
  /** Path-like strings (`lib/core/Axios.js`, `Axios.js`, stack-trace frames), lower-cased, without `./`. */
  paths: string[];
  /** Identifiers that look like code: camelCase, PascalCase, snake_case, dotted, in backticks or called. */
  identifiers: string[];
}

const PATH_MENTION =
  /(?:[A-Za-z]:)?[\w.@/-]*[\w-]+\.(?:[cm]?[jt]sx?|py|go|java|kt|rs|md|json|ya?ml|rb|php|cs|c|h|cc|cpp|hpp|swift|vue|svelte)\b/g;
const CODE_LIKE =
  /`([^`]{2,80})`|\b([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+)\b|\b([A-Za-z_$][\w$]*)\s*\(|\b([a-z]+[A-Z][\w$]*|[A-Z][a-z0-9]+[A-Z][\w$]*|[a-z0-9]+_[a-z0-9_]+)\b/g;

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
  return { text, tokens: tokenize(text), paths: [...paths], identifiers: [...identifiers] };
}
