import { compactMessage } from '../text-lines.js';
import type { ParsedReport, TestFailure } from '../types.js';

const RUN = /^=== (?:RUN|CONT)\s+(\S+)/;
const RESULT = /^\s*--- (FAIL|PASS|SKIP): (\S+)/;
const LOG = /^(\s+)([\w.\-/]+\.go):(\d+): (.*)$/;
const PACKAGE = /^(?:FAIL|ok)\s+(\S+)\s+(?:[\d.]+s|\(cached\)|\[)/;
const BUILD_HEADER = /^# (\S+)/;
const BUILD_ERROR = /^(\.?\.?\/?[\w.\-/]+\.go):(\d+):(\d+): (.*)$/;

export function isGoTest(text: string): boolean {
  return (
    /^\s*--- FAIL: \S/m.test(text) ||
    /^(ok|FAIL)\s+\S+\s+([\d.]+s|\(cached\)|\[(build|setup) failed\])/m.test(text)
  );
}

interface Pending {
  name: string;
  logs: Array<{ file: string; line: number; text: string }>;
  failed: boolean;
}

/**
 * `go test` plain or `-v` output. Log lines (`x_test.go:12: msg`) belong to the test that is running
 * (`-v`) or to the `--- FAIL` line above them (plain); the package line that follows gives the
 * import path, so paths come out as `<import path>/<file>` for the annotator to map onto the repo.
 */
export function parseGoTest(lines: readonly string[]): ParsedReport {
  const failures: TestFailure[] = [];
  const verbose = lines.some((l) => RUN.test(l));
  let tests = new Map<string, Pending>();
  let current: Pending | undefined;
  let buildPackage: string | undefined;
  const counts = { passed: 0, skipped: 0 };
  const testNamed = (name: string): Pending => {
    const found = tests.get(name) ?? { name, logs: [], failed: false };
    tests.set(name, found);
    return found;
  };

  for (const line of lines) {
    const run = RUN.exec(line);
    const result = RESULT.exec(line);
    const log = LOG.exec(line);
    const pkg = PACKAGE.exec(line);
    const build = BUILD_HEADER.exec(line);
    const buildError = buildPackage ? BUILD_ERROR.exec(line) : null;
    if (run?.[1]) {
      current = testNamed(run[1]);
    } else if (result?.[2]) {
      const test = testNamed(result[2]);
      if (result[1] === 'FAIL') test.failed = true;
      if (!verbose) current = test;
      countResult(counts, result[1]);
    } else if (log?.[2] && current) {
      current.logs.push({ file: log[2], line: Number(log[3]), text: log[4] ?? '' });
    } else if (current && /^\s{8,}\S/.test(line) && current.logs.length > 0) {
      const last = current.logs.at(-1);
      if (last) last.text += `\n${line.trim()}`;
    } else if (build?.[1]) {
      buildPackage = build[1];
    } else if (buildError?.[1] && buildPackage) {
      failures.push({
        title: `${buildPackage} [build failed]`,
        path: joinPackage(buildPackage, buildError[1].replace(/^\.\//, '')),
        line: Number(buildError[2]),
        column: Number(buildError[3]),
        message: buildError[4] ?? 'build failed',
      });
    } else if (pkg?.[1]) {
      failures.push(...failuresOf([...tests.values()], pkg[1]));
      tests = new Map();
      current = undefined;
      buildPackage = undefined;
    }
  }
  failures.push(...failuresOf([...tests.values()], undefined));
  // Plain output lists only failures, so pass and skip counts exist only with -v.
  return verbose ? { ...counts, failed: failures.length, failures } : { failed: failures.length, failures };
}

function countResult(counts: { passed: number; skipped: number }, status: string | undefined): void {
  if (status === 'PASS') counts.passed += 1;
  else if (status === 'SKIP') counts.skipped += 1;
}

/** Failed tests of one package; a parent that failed only because a subtest did is left out. */
function failuresOf(tests: Pending[], pkg: string | undefined): TestFailure[] {
  const failed = tests.filter((t) => t.failed);
  return failed
    .filter((t) => t.logs.length > 0 || !failed.some((o) => o.name.startsWith(`${t.name}/`)))
    .map((t) => {
      const first = t.logs[0];
      return {
        title: pkg ? `${pkg} ${t.name}` : t.name,
        ...(first ? { path: pkg ? joinPackage(pkg, first.file) : first.file, line: first.line } : {}),
        message: compactMessage(t.logs.map((l) => `${l.file}:${l.line}: ${l.text}`)) || `${t.name} failed`,
      };
    });
}

function joinPackage(pkg: string, file: string): string {
  return file.includes('/') && !file.startsWith('./') ? file : `${pkg}/${file.replace(/^\.\//, '')}`;
}
