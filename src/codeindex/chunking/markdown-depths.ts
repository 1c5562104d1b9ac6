/** Depth 0 for lines outside fenced code blocks, 1 for fences and inside them (so `#` in code is no heading). */
export function markdownDepths(lines: string[]): number[] {
  let fence: string | null = null;
  return lines.map((line) => {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (fence === null || fence === marker)) {
      fence = fence === null ? marker : null;
      return 1;
    }
    return fence === null ? 0 : 1;
  });
}
