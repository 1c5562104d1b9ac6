import { describe, expect, it } from 'vitest';
import { parseTestOutput } from '../../../../src/integrations/test-reports/index.js';
import { readTestOutput } from '../../../fixtures/test-outputs/index.js';

describe('parseTestOutput on JavaScript runners', () => {
  describe.each(['vitest-plain.txt', 'vitest-color.txt'] as const)(
    'vitest default reporter (%s)',
    (fixture) => {
      const report = parseTestOutput(readTestOutput(fixture));

      it('recognises vitest and reads the totals', () => {
        expect(report).toMatchObject({ framework: 'vitest', passed: 1, failed: 3, skipped: 1 });
      });

      it('locates an assertion failure in the test file', () => {
        expect(report.failures[0]).toEqual({
          title: 'src/math.test.ts > math > adds two numbers',
          path: 'src/math.test.ts',
          line: 6,
          column: 23,
          message: expect.stringMatching(/^AssertionError: expected 2 to be 3/),
        });
      });

      it('points an error thrown in source code at the failing test line', () => {
        expect(report.failures[1]).toMatchObject({
          title: 'src/math.test.ts > math > divide > divides by zero without throwing',
          path: 'src/math.test.ts',
          line: 15,
          message: 'Error: division by zero',
        });
        expect(report.failures[2]).toMatchObject({ path: 'src/strings.test.ts', line: 4 });
      });
    },
  );

  describe('jest default reporter', () => {
    const report = parseTestOutput(readTestOutput('jest.txt'));

    it('recognises jest and reads the totals', () => {
      expect(report).toMatchObject({ framework: 'jest', passed: 1, failed: 3, skipped: 1 });
    });

    it('takes each ● block with its location from the stack', () => {
      expect(report.failures.map((f) => [f.title, f.path, f.line])).toEqual([
        ['src/sum.test.js › sum › adds negative numbers', 'src/sum.test.js', 9],
        ['src/sum.test.js › sum › parse › reads JSON', 'src/sum.test.js', 14],
        ['src/other.test.js › objects match', 'src/other.test.js', 2],
      ]);
      expect(report.failures[0]?.message).toBe(
        'expect(received).toBe(expected) // Object.is equality\n\nExpected: -4\nReceived: -3',
      );
    });

    it('reads the older `at Object.<anonymous>` frames too', () => {
      const older = [
        'FAIL src/x.test.js',
        '  ● suite › works',
        '',
        '    expect(received).toBe(expected)',
        '',
        '      at Object.<anonymous> (src/x.test.js:12:5)',
        '',
        'Tests:       1 failed, 1 total',
      ].join('\n');
      expect(parseTestOutput(older).failures).toEqual([
        {
          title: 'src/x.test.js › suite › works',
          path: 'src/x.test.js',
          line: 12,
          column: 5,
          message: 'expect(received).toBe(expected)',
        },
      ]);
    });
  });

  describe('TAP', () => {
    it("reads node's TAP reporter, leaving out the suite that failed only through a subtest", () => {
      const report = parseTestOutput(readTestOutput('node-tap.txt'));
      expect(report).toMatchObject({ framework: 'tap', passed: 1, failed: 3, skipped: 1 });
      expect(report.failures.map((f) => [f.title, f.path, f.line])).toEqual([
        ['adds', '/tmp/fx-tap/test/math.test.mjs', 5],
        ['upper-cases', '/tmp/fx-tap/test/text.test.mjs', 4],
        ['throws a plain error', '/tmp/fx-tap/test/text.test.mjs', 8],
      ]);
      expect(report.failures[0]?.message).toContain('2 !== 3');
    });

    it("reads tape's `at:` diagnostics", () => {
      const report = parseTestOutput(readTestOutput('tape.txt'));
      expect(report).toMatchObject({ framework: 'tap', passed: 1, failed: 2 });
      expect(report.failures[0]).toMatchObject({
        title: 'two plus two',
        path: '/tmp/fx-tape/test/sum.js',
        line: 5,
        message: 'operator: equal\nexpected: 5\nactual: 4',
      });
    });

    it("reads node-tap's structured `at:` and plain `file`/`line` diagnostics", () => {
      const output = [
        'TAP version 14',
        'not ok 1 - structured',
        '  ---',
        '  at:',
        '    file: test/a.js',
        '    line: 7',
        '    column: 3',
        '  message: should be equal',
        '  ...',
        'not ok 2 - flat',
        '  ---',
        '  file: test/b.js',
        '  line: 9',
        '  ...',
        '1..2',
      ].join('\n');
      expect(parseTestOutput(output).failures).toEqual([
        { title: 'structured', path: 'test/a.js', line: 7, column: 3, message: 'should be equal' },
        { title: 'flat', path: 'test/b.js', line: 9, message: 'not ok' },
      ]);
    });
  });
});
