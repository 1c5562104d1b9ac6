import { stripVTControlCharacters } from 'node:util';

/** Output as plain lines: colours and other terminal escapes removed, CRLF normalised. */
export function textLines(output: string): string[] {
  return stripVTControlCharacters(output).replace(/\r\n?/g, '\n').split('\n');
}

/** Trimmed, non-empty lines joined back, cut to `max` characters. */
export function compactMessage(lines: readonly string[], max = 2_000): string {
  const text = lines
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
