import { countSummary } from '../count-summary.js';
import { compactMessage } from '../text-lines.js';
import type { ParsedReport, TestFailure } from '../types.js';

const SUMMARY_ITEM = /^(FAILED|ERROR) (\S+?)(?: - (.*))?$/;
const SECTION = /^_{3,} (.+?) _{3,}$/;
const LOCATION = /^(\S+\.py):(\d+): ?(.*)$/;
const FINAL =
  /^=*\s*(?:\d+ (?:failed|passed|skipped|errors?|xfailed|xpassed|deselected|warnings?)[, ]*)+ in [\d.]+s/;

export function isPytest(text: string): boolean {
  return (
    /^=+ test session starts =+$/m.test(text) ||
    /^=+ short test summary info =+$/m.test(text) ||
    /^(FAILED|ERROR) \S+\.py(::\S+)?( - |$)/m.test(text)
  );
}

interface Section {
  name: string;
  body: string[];
}

/** pytest's default output: `FAILED nodeid - message` summary lines, located through the FAILURES sections. */
export function parsePytest(lines: readonly string[]): ParsedReport {
  const sections = readSections(lines);
  const failures: TestFailure[] = [];
  let counts = {};
  for (const line of lines) {
    if (FINAL.test(line)) counts = countSummary(line);
    const item = SUMMARY_ITEM.exec(line);
    if (!item?.[2]) continue;
    const nodeId = item[2];
    const section = sections.find((s) => nodeId.endsWith(`::${s.name.replaceAll('.', '::')}`));
    failures.push(toFailure(nodeId, item[3], section));
  }
  if (failures.length === 0) {
    for (const section of sections) failures.push(toFailure(section.name, undefined, section));
  }
  return { ...counts, failures };
}

function readSections(lines: readonly string[]): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const line of lines) {
    const header = SECTION.exec(line);
    if (header?.[1]) {
      current = { name: header[1].replace(/^(ERROR|FAILED) (at \w+ of )?/, ''), body: [] };
      sections.push(current);
    } else if (/^=+ .* =+$/.test(line)) {
      current = undefined;
    } else {
      current?.body.push(line);
    }
  }
  return sections;
}

function toFailure(
  nodeId: string,
  summaryMessage: string | undefined,
  section: Section | undefined,
): TestFailure {
  const file = nodeId.includes('::') ? nodeId.slice(0, nodeId.indexOf('::')) : undefined;
  const locations = (section?.body ?? []).flatMap((l) => {
    const m = LOCATION.exec(l);
    return m?.[1] ? [{ path: m[1], line: Number(m[2]) }] : [];
  });
  const location = locations.find((l) => l.path === file) ?? locations.at(-1);
  const errorLines = (section?.body ?? []).filter((l) => l.startsWith('E ')).map((l) => l.slice(1).trim());
  return {
    title: nodeId,
    ...(location ? { path: location.path, line: location.line } : file ? { path: file } : {}),
    message: compactMessage(errorLines) || summaryMessage?.trim() || 'test failed',
  };
}
