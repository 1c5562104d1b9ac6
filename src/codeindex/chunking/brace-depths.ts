/**
 * Brace depth at the start of each line for C-family languages, skipping braces inside strings,
 * template literals and comments. Approximate by design: a chunker needs structure, not a parser.
 */
export function braceDepths(
  lines: string[],
  options: { backtickStrings: boolean; singleQuoteStrings: boolean },
): number[] {
  const depths: number[] = [];
  let depth = 0;
  let inBlockComment = false;
  let inString: string | null = null;
  for (const line of lines) {
    depths.push(depth);
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      const next = line[i + 1];
      if (inBlockComment) {
        if (ch === '*' && next === '/') {
          inBlockComment = false;
          i++;
        }
        continue;
      }
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === inString) inString = null;
        continue;
      }
      if (ch === '/' && next === '/') break;
      if (ch === '/' && next === '*') {
        inBlockComment = true;
        i++;
      } else if (ch === '"' || (ch === '`' && options.backtickStrings)) {
        inString = ch;
      } else if (ch === "'") {
        if (options.singleQuoteStrings) inString = ch;
        else {
          const literal = /^'(?:\\.[^']*|[^'\\])'/.exec(line.slice(i));
          if (literal) i += literal[0].length - 1;
        }
      } else if (ch === '{') depth++;
      else if (ch === '}') depth = Math.max(0, depth - 1);
    }
    if (inString === '"' || inString === "'") inString = null;
  }
  return depths;
}
