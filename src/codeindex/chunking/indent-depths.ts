/**
 * Indentation level at the start of each line (Python): blank and comment-only lines take the level
 * of the next code line so they stay with what follows.
 */
export function indentDepths(lines: string[]): number[] {
  const indents = lines.map((l) =>
    l.trim() === '' || l.trimStart().startsWith('#') ? -1 : l.length - l.trimStart().length,
  );
  const unit = Math.min(...indents.filter((n) => n > 0), Number.POSITIVE_INFINITY);
  const step = Number.isFinite(unit) ? unit : 4;
  const depths = new Array<number>(lines.length).fill(0);
  let nextLevel = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const indent = indents[i] as number;
    if (indent >= 0) nextLevel = Math.round(indent / step);
    depths[i] = nextLevel;
  }
  return depths;
}
