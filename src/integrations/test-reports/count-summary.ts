/** Counts a runner prints as `N passed`, `N failed`, `N skipped` (with synonyms), found in `line`. */
export function countSummary(line: string): { passed?: number; failed?: number; skipped?: number } {
  const counts: { passed?: number; failed?: number; skipped?: number } = {};
  for (const [, n, word] of line.matchAll(
    /(\d+)\s+(passed|failed|skipped|ignored|pending|todo|errors?)\b/g,
  )) {
    const value = Number(n);
    if (word === 'passed') counts.passed = (counts.passed ?? 0) + value;
    else if (word === 'failed' || word?.startsWith('error')) counts.failed = (counts.failed ?? 0) + value;
    else counts.skipped = (counts.skipped ?? 0) + value;
  }
  return counts;
}
