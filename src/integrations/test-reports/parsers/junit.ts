import { XMLParser } from 'fast-xml-parser';
import { pickLocation } from '../find-location.js';
import { compactMessage } from '../text-lines.js';
import type { ParsedReport, TestFailure } from '../types.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  parseAttributeValue: false,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
});

type XmlNode = Record<string, unknown>;

/** JUnit XML reports (one document per string): every `<testcase>` with a `<failure>` or `<error>`. */
export function parseJunit(documents: readonly string[]): ParsedReport {
  const cases = documents.flatMap((xml) => collectCases(parser.parse(xml) as unknown));
  const failures: TestFailure[] = [];
  let passed = 0;
  let skipped = 0;
  for (const testcase of cases) {
    const problem = [...nodes(testcase.failure), ...nodes(testcase.error)][0];
    if (problem) failures.push(toFailure(testcase, problem));
    else if (nodes(testcase.skipped).length > 0) skipped += 1;
    else passed += 1;
  }
  return { passed, failed: failures.length, skipped, failures };
}

/** All `<testcase>` elements, however deeply `<testsuites>`/`<testsuite>` nest. */
function collectCases(node: unknown): XmlNode[] {
  if (Array.isArray(node)) return node.flatMap(collectCases);
  if (!isNode(node)) return [];
  const own = nodes(node.testcase);
  const nested = Object.entries(node)
    .filter(([key]) => key !== 'testcase')
    .flatMap(([, value]) => collectCases(value));
  return [...own, ...nested];
}

function toFailure(testcase: XmlNode, problem: XmlNode): TestFailure {
  const name = attr(testcase, 'name') ?? 'unnamed test';
  const classname = attr(testcase, 'classname');
  const file = attr(testcase, 'file');
  const text = attr(problem, '#text') ?? '';
  const message = attr(problem, 'message') ?? text.trim().split('\n')[0] ?? '';
  const fromText = pickLocation(text, file ?? (classname?.includes('/') ? classname : undefined));
  const line = attr(testcase, 'line');
  const location = file && line ? { path: file, line: Number(line) } : fromText;
  return {
    title: classname ? `${classname}${classname.includes('/') ? ' > ' : '.'}${name}` : name,
    ...(location ? { path: location.path, line: location.line } : file ? { path: file } : {}),
    ...(fromText?.column && location === fromText ? { column: fromText.column } : {}),
    message: compactMessage([message]) || 'test failed',
  };
}

function nodes(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (isNode(v) ? v : { '#text': String(v) }));
}

function attr(node: XmlNode, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' || typeof value === 'number' ? decodeCharRefs(String(value)) : undefined;
}

/** fast-xml-parser decodes the named XML entities but leaves numeric ones (`&#10;`) as they are. */
function decodeCharRefs(text: string): string {
  return text.replace(
    /&#(?:x([0-9a-f]+)|(\d+));/gi,
    (_ref, hex: string | undefined, dec: string | undefined) =>
      String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
  );
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
