import { parse as parseYaml } from 'yaml';
import { countSummary } from '../count-summary.js';
import { pickLocation, type SourceLocation } from '../find-location.js';
import type { ParsedReport, TestFailure } from '../types.js';

const TEST_LINE = /^(\s*)(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*?)(\s+#\s*(SKIP|TODO)\b.*)?$/i;

export function isTap(text: string): boolean {
  return /^TAP version \d+/m.test(text) || /^\s*not ok \d+/m.test(text);
}

interface TapPoint {
  indent: number;
  ok: boolean;
  directive?: string;
  description: string;
  diagnostics: Record<string, unknown>;
}

/** TAP 13/14 (node --test, tape, node-tap): `not ok` points with their YAML diagnostics. */
export function parseTap(lines: readonly string[]): ParsedReport {
  const points = readPoints(lines);
  const failures: TestFailure[] = [];
  points.forEach((point, index) => {
    if (point.ok || point.directive === 'TODO') return;
    if (point.diagnostics.failureType === 'subtestsFailed' || hasFailedChild(points, index)) return;
    failures.push(toFailure(point));
  });
  const summary = countSummary(
    lines
      .filter((l) => /^# (pass|fail|skip(ped)?)\s+\d+/.test(l))
      .map((l) =>
        l.replace(/^# (pass|fail|skip(?:ped)?)\s+(\d+)/, (_m, w: string, n: string) => `${n} ${word(w)}`),
      )
      .join(' '),
  );
  const top = points.filter((p) => p.indent === Math.min(...points.map((q) => q.indent)));
  return {
    passed: summary.passed ?? top.filter((p) => p.ok && !p.directive).length,
    failed: summary.failed ?? failures.length,
    skipped: summary.skipped ?? top.filter((p) => p.directive === 'SKIP').length,
    failures,
  };
}

function word(tapWord: string): string {
  return tapWord === 'pass' ? 'passed' : tapWord === 'fail' ? 'failed' : 'skipped';
}

function readPoints(lines: readonly string[]): TapPoint[] {
  const points: TapPoint[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = TEST_LINE.exec(lines[i] ?? '');
    if (!match) continue;
    const [, indent = '', status, , description = '', , directive] = match;
    const yaml = readYamlBlock(lines, i + 1);
    points.push({
      indent: indent.length,
      ok: status?.toLowerCase() === 'ok',
      ...(directive ? { directive: directive.toUpperCase() } : {}),
      description: description.trim(),
      diagnostics: yaml.data,
    });
    i = yaml.next - 1;
  }
  return points;
}

/** The `---` … `...` block after a test point, parsed as YAML (empty when absent or malformed). */
function readYamlBlock(
  lines: readonly string[],
  start: number,
): { data: Record<string, unknown>; next: number } {
  if (!/^\s*---\s*$/.test(lines[start] ?? '')) return { data: {}, next: start };
  const end = lines.findIndex((l, idx) => idx > start && /^\s*\.\.\.\s*$/.test(l));
  if (end === -1) return { data: {}, next: start };
  const block = lines.slice(start + 1, end);
  const indent = Math.min(...block.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)?.[0].length ?? 0));
  try {
    const parsed: unknown = parseYaml(block.map((l) => l.slice(indent)).join('\n'));
    return { data: isRecord(parsed) ? parsed : {}, next: end + 1 };
  } catch {
    // Producers sometimes emit diagnostics that are not valid YAML; the test point still counts.
    return { data: {}, next: end + 1 };
  }
}

function hasFailedChild(points: TapPoint[], index: number): boolean {
  const parent = points[index];
  if (!parent) return false;
  for (let i = index - 1; i >= 0; i--) {
    const p = points[i];
    if (!p || p.indent <= parent.indent) return false;
    if (!p.ok && p.directive !== 'TODO') return true;
  }
  return false;
}

function toFailure(point: TapPoint): TestFailure {
  const d = point.diagnostics;
  const location = locationOf(d);
  const message = [d.error, d.message, d.operator && `operator: ${String(d.operator)}`]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join('\n');
  const expected =
    'expected' in d ? `\nexpected: ${stringify(d.expected)}\nactual: ${stringify(d.actual)}` : '';
  return {
    title: point.description || 'unnamed test',
    ...(location ? { path: location.path, line: location.line } : {}),
    ...(location?.column ? { column: location.column } : {}),
    message: (message + expected).trim() || 'not ok',
  };
}

/** `location: 'file:line:col'` (node), `at: 'fn (file:line:col)'` (tape), `at: {file, line}` (node-tap), or top-level `file`/`line`. */
function locationOf(d: Record<string, unknown>): SourceLocation | undefined {
  for (const key of ['location', 'at'] as const) {
    const value = d[key];
    if (typeof value === 'string') return pickLocation(value);
    if (isRecord(value) && typeof value.file === 'string' && value.line !== undefined) {
      return {
        path: value.file,
        line: Number(value.line),
        ...(value.column !== undefined ? { column: Number(value.column) } : {}),
      };
    }
  }
  if (typeof d.file === 'string' && d.line !== undefined) return { path: d.file, line: Number(d.line) };
  return typeof d.stack === 'string' ? pickLocation(d.stack) : undefined;
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
