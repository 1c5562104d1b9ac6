import type { TrialResult } from '../../test/e2e/support/crash-trial.js';

/** A markdown table: kill point → backend → consistent ✓/✗ and why not. */
export function soakTable(results: TrialResult[]): string {
  const rows = results.map((r, i) => {
    const verdict = r.consistent ? '✓' : '✗';
    const why = r.consistent ? '' : r.problems.join('; ').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return `| ${i + 1} | ${r.killPoint} | ${r.backend} | ${verdict} | ${(r.durationMs / 1000).toFixed(1)} s | ${why} |`;
  });
  return [
    '| # | kill point | backend | consistent | time | reason |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function soakSummary(results: TrialResult[], planned: number): string {
  const consistent = results.filter((r) => r.consistent).length;
  const nodes = [...new Set(results.map((r) => r.node))].join(', ');
  const skipped = planned - results.length;
  return `${consistent} of ${results.length} killed runs ended consistent (nodes: ${nodes})${skipped > 0 ? `; ${skipped} planned trial(s) not run (time budget)` : ''}`;
}
