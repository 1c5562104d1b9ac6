import { isCargo, parseCargo } from './parsers/cargo.js';
import { isGoTest, parseGoTest } from './parsers/go-test.js';
import { isJest, parseJest } from './parsers/jest.js';
import { parseJunit } from './parsers/junit.js';
import { isPytest, parsePytest } from './parsers/pytest.js';
import { isTap, parseTap } from './parsers/tap.js';
import { isVitest, parseVitest } from './parsers/vitest.js';
import { textLines } from './text-lines.js';
import type { ParsedReport, TestFramework, TestReport } from './types.js';

/** Text parsers, most specific first: vitest before jest (both print `FAIL`), TAP last. */
const PARSERS: ReadonlyArray<{
  framework: TestFramework;
  detect: (text: string) => boolean;
  parse: (lines: readonly string[]) => ParsedReport;
}> = [
  { framework: 'vitest', detect: isVitest, parse: parseVitest },
  { framework: 'jest', detect: isJest, parse: parseJest },
  { framework: 'cargo', detect: isCargo, parse: parseCargo },
  { framework: 'go', detect: isGoTest, parse: parseGoTest },
  { framework: 'pytest', detect: isPytest, parse: parsePytest },
  { framework: 'tap', detect: isTap, parse: parseTap },
];

/**
 * Reads what a test command printed (and any JUnit XML reports it wrote) into counts and failures.
 * JUnit XML, being structured, wins when given; otherwise the runner is recognised from its output.
 */
export function parseTestOutput(output: string, opts: { junitXml?: string[] } = {}): TestReport {
  if (opts.junitXml && opts.junitXml.length > 0) {
    const report = parseJunit(opts.junitXml);
    if (report.failures.length > 0 || (report.passed ?? 0) > 0) return { framework: 'junit', ...report };
  }
  const lines = textLines(output);
  const text = lines.join('\n');
  for (const { framework, detect, parse } of PARSERS) {
    if (detect(text)) return { framework, ...parse(lines) };
  }
  return { framework: 'unknown', failures: [] };
}
