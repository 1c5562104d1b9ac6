import type { PathRefusal } from './refused-changes.js';

/** Paths are written by the agent: shown in code spans, cut short, with nothing that could break out of one. */
function shown(path: string): string {
  const safe = path.replace(/[`\p{Cc}]/gu, '?');
  return `\`${safe.length > 200 ? `${safe.slice(0, 200)}…` : safe}\``;
}

/** The refusals as one plain sentence part: "`.github/x.yml` (added): it matches …; `…`". */
export function describeRefusals(refusals: readonly PathRefusal[]): string {
  return refusals.map((r) => `${shown(r.path)} (${r.change}): ${r.reason}`).join('; ');
}
