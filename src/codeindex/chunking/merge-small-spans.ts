import type { Span } from './segment-declarations.js';

const MAX_SYMBOL_CHARS = 200;

/** Joins neighbouring spans while one of them is shorter than `minLines` and the result stays under `maxLines`. */
export function mergeSmallSpans(spans: Span[], minLines: number, maxLines: number): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    const len = (s: Span): number => s.end - s.start + 1;
    if (last && (len(last) < minLines || len(span) < minLines) && span.end - last.start + 1 <= maxLines) {
      const symbols = [...new Set([...last.symbol.split(', '), span.symbol].filter(Boolean))].join(', ');
      out[out.length - 1] = { start: last.start, end: span.end, symbol: symbols.slice(0, MAX_SYMBOL_CHARS) };
    } else {
      out.push(span);
    }
  }
  return out;
}
