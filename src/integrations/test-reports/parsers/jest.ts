import { countSummary } from '../count-summary.js';
import { pickLocation } from '../find-location.js';
import { compactMessage } from '../text-lines.js';
import type { ParsedReport, TestFailure } from '../types.js';

const FILE = /^(?:FAIL|PASS) (\S+)/;
const BULLET = /^ {2}● (.+)$/;
const CODE_FRAME = /^\s*(?:>\s*)?\d+ \|/;
const STACK = /^\s+at /;

export function isJest(text: string): boolean {
  return /^ {2}● /m.test(text) || (/^Tests:\s+\d/m.test(text) && /^Test Suites:/m.test(text));
}

/** Jest's default reporter: `FAIL file`, `● suite › test` blocks with a stack, and the `Tests:` line. */
export function parseJest(lines: readonly string[]): ParsedReport {
  const failures: TestFailure[] = [];
  let counts = {};
  let file: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^Tests:\s+\d/.test(line)) counts = countSummary(line);
    const fileMatch = FILE.exec(line);
    if (fileMatch) file = fileMatch[1];
    const bullet = BULLET.exec(line);
    if (!bullet?.[1] || bullet[1] === 'Console') continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && !BULLET.test(lines[j] ?? '') && !FILE.test(lines[j] ?? ''); j++) {
      body.push(lines[j] ?? '');
    }
    failures.push(toFailure(bullet[1], file, body));
  }
  return { ...counts, failures };
}

function toFailure(title: string, file: string | undefined, body: string[]): TestFailure {
  const end = body.findIndex((l) => CODE_FRAME.test(l) || STACK.test(l));
  const location = pickLocation(body.filter((l) => STACK.test(l)).join('\n'), file);
  return {
    title: file ? `${file} › ${title}` : title,
    ...(location ? { path: location.path, line: location.line } : file ? { path: file } : {}),
    ...(location?.column ? { column: location.column } : {}),
    message: compactMessage((end === -1 ? body : body.slice(0, end)).map((l) => l.replace(/^ {4}/, ''))),
  };
}
