import type { LanguageRules } from './language-rules.js';

/** A run of lines (0-based, inclusive) and the name declared there. */
export interface Span {
  start: number;
  end: number;
  symbol: string;
}

interface Start {
  line: number;
  name: string;
}

function matchName(line: string, patterns: RegExp[]): string | undefined {
  const trimmed = line.trim();
  for (const pattern of patterns) {
    const m = pattern.exec(trimmed);
    if (m) return m[1] && m[1] !== '(' ? m[1] : '';
  }
  return undefined;
}

function findStarts(
  lines: string[],
  depths: number[],
  depth: number,
  patterns: RegExp[],
  leading: RegExp,
  from: number,
  to: number,
): Start[] {
  const starts: Start[] = [];
  for (let i = from; i <= to; i++) {
    if (depths[i] !== depth) continue;
    const name = matchName(lines[i] ?? '', patterns);
    if (name === undefined) continue;
    let first = i;
    while (first - 1 >= from && depths[first - 1] === depth && leading.test((lines[first - 1] ?? '').trim()))
      first--;
    const previous = starts[starts.length - 1];
    if (previous && first <= previous.line) first = i;
    starts.push({ line: first, name });
  }
  return starts;
}

function trimBlankEnd(lines: string[], span: Span): Span | undefined {
  let end = span.end;
  while (end >= span.start && (lines[end] ?? '').trim() === '') end--;
  let start = span.start;
  while (start <= end && (lines[start] ?? '').trim() === '') start++;
  return start <= end ? { start, end, symbol: span.symbol } : undefined;
}

/**
 * Cuts lines `from..to` at the declarations found at `depth`: text before the first one becomes a span
 * with an empty symbol, and each declaration runs (with its doc comment) up to the next one.
 */
export function segmentDeclarations(
  lines: string[],
  depths: number[],
  rules: LanguageRules,
  range: { from: number; to: number; depth: number; patterns: RegExp[]; prefix: string },
): Span[] {
  const starts = findStarts(lines, depths, range.depth, range.patterns, rules.leading, range.from, range.to);
  const raw: Span[] = [];
  const firstStart = starts[0];
  if (!firstStart) return [];
  if (firstStart.line > range.from)
    raw.push({ start: range.from, end: firstStart.line - 1, symbol: range.prefix.replace(/\.$/, '') });
  starts.forEach((s, k) => {
    const next = starts[k + 1];
    raw.push({
      start: s.line,
      end: next ? next.line - 1 : range.to,
      symbol: s.name ? `${range.prefix}${s.name}` : range.prefix.replace(/\.$/, ''),
    });
  });
  return raw.map((span) => trimBlankEnd(lines, span)).filter((s): s is Span => s !== undefined);
}
