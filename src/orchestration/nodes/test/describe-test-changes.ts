import { isTestFile } from '../../../integrations/test-reports/index.js';
import type { ChangedPath } from '../../../integrations/workspace/index.js';

const LISTED = 10;

/** One sentence for the check run: which test files the change adds, changes or removes, or that it touches none. */
export function describeTestChanges(changes: readonly ChangedPath[]): string {
  const tests = changes.filter((c) => isTestFile(c.path));
  const of = (kind: (c: ChangedPath) => boolean) => tests.filter(kind).map((c) => `\`${c.path}\``);
  const parts = [
    ['adds', of((c) => c.change === 'added')],
    ['changes', of((c) => c.change === 'modified' || c.change === 'type changed')],
    ['removes', of((c) => c.change === 'deleted')],
  ] as const;
  const said = parts.filter(([, paths]) => paths.length > 0).map(([verb, paths]) => `${verb} ${list(paths)}`);
  return said.length ? `The change ${said.join(', ')}.` : 'The change adds or changes no test files.';
}

function list(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED).join(', ');
  return paths.length > LISTED ? `${shown} and ${paths.length - LISTED} more` : shown;
}
