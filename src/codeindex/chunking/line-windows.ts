import type { Span } from './segment-declarations.js';

/** Splits a span into windows of `size` lines overlapping by `overlap`; each keeps the span's symbol. */
export function lineWindows(span: Span, size: number, overlap: number): Span[] {
  const length = span.end - span.start + 1;
  if (length <= size) return [span];
  const step = Math.max(1, size - overlap);
  const out: Span[] = [];
  for (let start = span.start; start <= span.end; start += step) {
    const end = Math.min(span.end, start + size - 1);
    out.push({ start, end, symbol: span.symbol });
    if (end === span.end) break;
  }
  return out;
}
