import { countSummary } from '../count-summary.js';
import { pickLocation } from '../find-location.js';
import { compactMessage } from '../text-lines.js';
import type { ParsedReport, TestFailure } from '../types.js';

/** ` FAIL  src/x.test.ts > suite > test` (two spaces; jest prints one). An optional `[ file ]` suffix marks a suite error. */
const FAIL = /^ FAIL {2}(\S+?)(?: > (.+?))?(?: \[ .+ \])?\s*$/;
const SEPARATOR = /^⎯{3,}/;

export function isVitest(text: string): boolean {
  return /^ RUN {2}v\d/m.test(text) || (/^ FAIL {2}\S/m.test(text) && /^\s*Test Files\s/m.test(text));
}

/** Vitest's default reporter: the "Failed Tests" blocks and the `Tests` summary line. */
export function parseVitest(lines: readonly string[]): ParsedReport {
  const failures: TestFailure[] = [];
  let counts = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*Tests\s{2,}\d/.test(line)) counts = countSummary(line);
    const fail = FAIL.exec(line);
    if (!fail) continue;
    const [, file = '', names] = fail;
    const body: string[] = [];
    for (
      let j = i + 1;
      j < lines.length && !SEPARATOR.test(lines[j] ?? '') && !FAIL.test(lines[j] ?? '');
      j++
    ) {
      body.push(lines[j] ?? '');
    }
    failures.push(toFailure(file, names, body));
  }
  return { ...counts, failures };
}

function toFailure(file: string, names: string | undefined, body: string[]): TestFailure {
  const frameAt = body.findIndex((l) => /^\s*❯ /.test(l));
  const messageLines = frameAt === -1 ? body : body.slice(0, frameAt);
  const frames = body.filter((l) => /^\s*❯ /.test(l)).join('\n');
  const location = pickLocation(frames, file);
  return {
    title: names ? `${file} > ${names}` : file,
    path: location?.path ?? file,
    ...(location ? { line: location.line } : {}),
    ...(location?.column ? { column: location.column } : {}),
    message: compactMessage(messageLines),
  };
}
