import { countSummary } from '../count-summary.js';
import { compactMessage } from '../text-lines.js';
import type { ParsedReport, TestFailure } from '../types.js';

const SECTION = /^---- (\S+) stdout ----$/;
/** Rust ≥ 1.73: `thread 'name' (id) panicked at src/lib.rs:15:9:` then the message on the next lines. */
const PANIC_NEW = /^thread '.*?'(?: \(\d+\))? panicked at ([^\s:]+):(\d+):(\d+):$/;
/** Older Rust: `thread 'name' panicked at 'message', src/lib.rs:15:9`. */
const PANIC_OLD = /^thread '.*?' panicked at '(.*)', ([^\s:]+):(\d+):(\d+)$/;
const COMPILE_ERROR = /^error(?:\[E\d+\])?: (.+)$/;
const ARROW = /^\s*--> ([^\s:]+):(\d+):(\d+)$/;
const RESULT = /^test result: \w+\. /;

export function isCargo(text: string): boolean {
  return (
    /^running \d+ tests?$/m.test(text) ||
    /^test result: (ok|FAILED)\./m.test(text) ||
    /^\s*--> \S+\.rs:\d+/m.test(text)
  );
}

/** `cargo test` output: panics in the `---- name stdout ----` sections, compile errors, and `test result:` totals. */
export function parseCargo(lines: readonly string[]): ParsedReport {
  const failures: TestFailure[] = [];
  const totals: { passed?: number; failed?: number; skipped?: number } = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (RESULT.test(line)) addCounts(totals, countSummary(line));
    const section = SECTION.exec(line);
    if (section?.[1]) failures.push(readPanic(section[1], lines.slice(i + 1)));
    const compile = COMPILE_ERROR.exec(line);
    const arrow = ARROW.exec(lines[i + 1] ?? '');
    if (compile?.[1] && arrow?.[1] && !compile[1].startsWith('test failed')) {
      failures.push({
        title: `compile error: ${compile[1]}`,
        path: arrow[1],
        line: Number(arrow[2]),
        column: Number(arrow[3]),
        message: compile[1],
      });
    }
  }
  return { ...totals, failures };
}

function readPanic(name: string, rest: readonly string[]): TestFailure {
  const end = rest.findIndex((l) => SECTION.test(l) || /^failures:$/.test(l));
  const body = end === -1 ? rest : rest.slice(0, end);
  for (let k = 0; k < body.length; k++) {
    const text = body[k] ?? '';
    const modern = PANIC_NEW.exec(text);
    if (modern) {
      const stop = body.findIndex((l, idx) => idx > k && (l === '' || /^(note|stack backtrace):/.test(l)));
      return located(
        name,
        modern[1],
        modern[2],
        modern[3],
        body.slice(k + 1, stop === -1 ? undefined : stop),
      );
    }
    const old = PANIC_OLD.exec(text);
    if (old) return located(name, old[2], old[3], old[4], [old[1] ?? '']);
  }
  return { title: name, message: compactMessage(body) || `${name} failed` };
}

function located(
  title: string,
  path: string | undefined,
  line: string | undefined,
  column: string | undefined,
  message: string[],
): TestFailure {
  return {
    title,
    ...(path ? { path, line: Number(line), column: Number(column) } : {}),
    message: compactMessage(message) || `${title} panicked`,
  };
}

function addCounts(
  totals: { passed?: number; failed?: number; skipped?: number },
  more: { passed?: number; failed?: number; skipped?: number },
): void {
  for (const key of ['passed', 'failed', 'skipped'] as const) {
    const value = more[key];
    if (value !== undefined) totals[key] = (totals[key] ?? 0) + value;
  }
}
