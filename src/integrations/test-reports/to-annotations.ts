import { normalizePath } from './normalize-path.js';
import type { CheckAnnotation, TestReport } from './types.js';

/** GitHub accepts at most 50 annotations per check-run update. */
const MAX_ANNOTATIONS = 50;
const MAX_TITLE = 255;
const MAX_MESSAGE = 4_000;

/**
 * Check-run annotations for the located failures: repo-relative paths, one line each.
 * Failures without a location, or located outside the repository, are left to the summary.
 */
export function toAnnotations(
  result: TestReport,
  { workspaceDir }: { workspaceDir: string },
): CheckAnnotation[] {
  const annotations: CheckAnnotation[] = [];
  const seen = new Set<string>();
  for (const failure of result.failures) {
    if (annotations.length >= MAX_ANNOTATIONS) break;
    if (!failure.path || !failure.line || failure.line < 1) continue;
    const path = normalizePath(failure.path, workspaceDir);
    if (!path) continue;
    const key = `${path}:${failure.line}:${failure.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    annotations.push({
      path,
      start_line: failure.line,
      end_line: failure.line,
      annotation_level: 'failure',
      title: truncate(failure.title, MAX_TITLE),
      message: truncate(failure.message || 'test failed', MAX_MESSAGE),
    });
  }
  return annotations;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
