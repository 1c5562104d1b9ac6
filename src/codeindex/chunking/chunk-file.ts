import { rulesFor, type LanguageRules } from './language-rules.js';
import { lineWindows } from './line-windows.js';
import { mergeSmallSpans } from './merge-small-spans.js';
import { segmentDeclarations, type Span } from './segment-declarations.js';
import { DEFAULT_CHUNK_LIMITS, type Chunk, type ChunkLimits, type Language } from './types.js';

function splitLong(
  lines: string[],
  depths: number[],
  rules: LanguageRules,
  span: Span,
  limits: ChunkLimits,
): Span[] {
  if (span.end - span.start + 1 <= limits.maxLines) return [span];
  const depth = depths[span.start] ?? 0;
  const members = rules.members.length
    ? segmentDeclarations(lines, depths, rules, {
        from: span.start,
        to: span.end,
        depth: depth + 1,
        patterns: rules.members,
        prefix: span.symbol ? `${span.symbol}.` : '',
      })
    : [];
  const parts = members.length > 1 ? mergeSmallSpans(members, limits.minLines, limits.maxLines) : [span];
  return parts.flatMap((p) => lineWindows(p, limits.maxLines, Math.floor(limits.maxLines / 8)));
}

function structuralSpans(lines: string[], rules: LanguageRules, limits: ChunkLimits): Span[] {
  const depths = rules.depths(lines);
  const top = segmentDeclarations(lines, depths, rules, {
    from: 0,
    to: lines.length - 1,
    depth: 0,
    patterns: rules.declarations,
    prefix: '',
  });
  if (top.length === 0) return [];
  const merged = mergeSmallSpans(top, limits.minLines, limits.maxLines);
  return merged.flatMap((span) => splitLong(lines, depths, rules, span, limits));
}

function toChunk(lines: string[], span: Span, maxChars: number): Chunk {
  let text = lines.slice(span.start, span.end + 1).join('\n');
  if (text.length > maxChars) {
    // Never cut a surrogate pair in two: a lone surrogate is not valid JSON for Chroma's server.
    const last = text.charCodeAt(maxChars - 1);
    text = text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars);
  }
  return { startLine: span.start + 1, endLine: span.end + 1, symbol: span.symbol, text };
}

/** Splits a file into chunks along its declarations, falling back to overlapping line windows. */
export function chunkFile(
  content: string,
  language: Language,
  limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
): Chunk[] {
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  if (lines.length === 0) return [];
  const rules = rulesFor(language);
  const whole: Span = { start: 0, end: lines.length - 1, symbol: '' };
  const spans = rules ? structuralSpans(lines, rules, limits) : [];
  const windowSize = Math.floor(limits.maxLines / 2);
  const finalSpans = spans.length > 0 ? spans : lineWindows(whole, windowSize, Math.floor(windowSize / 6));
  const maxLinesByChars = (span: Span): Span[] => {
    const chars = lines.slice(span.start, span.end + 1).reduce((n, l) => n + l.length + 1, 0);
    if (chars <= limits.maxChars || span.end === span.start) return [span];
    const size = Math.max(1, Math.floor(((span.end - span.start + 1) * limits.maxChars) / chars));
    return lineWindows(span, size, 0).flatMap(maxLinesByChars);
  };
  return finalSpans.flatMap(maxLinesByChars).map((span) => toChunk(lines, span, limits.maxChars));
}
