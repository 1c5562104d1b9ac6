import { describe, expect, it } from 'vitest';
import { parseTestOutput } from '../../../../src/integrations/test-reports/index.js';
import { readTestOutput } from '../../../fixtures/test-outputs/index.js';

describe('parseTestOutput on other runners', () => {
  describe('pytest', () => {
    const report = parseTestOutput(readTestOutput('pytest.txt'));

    it('recognises pytest and reads the final totals', () => {
      expect(report).toMatchObject({ framework: 'pytest', passed: 1, failed: 3, skipped: 1 });
    });

    it('takes the FAILED lines, located in the test file even when the error is raised elsewhere', () => {
      expect(report.failures.map((f) => [f.title, f.path, f.line])).toEqual([
        ['tests/test_calc.py::test_add', 'tests/test_calc.py', 7],
        ['tests/test_calc.py::test_ratio_by_zero', 'tests/test_calc.py', 15],
        ['tests/test_calc.py::TestNames::test_upper', 'tests/test_calc.py', 25],
      ]);
      expect(report.failures[1]?.message).toBe('ZeroDivisionError: division by zero');
    });

    it('still reads a bare summary without the FAILURES sections', () => {
      const output = 'FAILED tests/test_x.py::test_y - AssertionError: nope\n1 failed in 0.01s';
      expect(parseTestOutput(output)).toEqual({
        framework: 'pytest',
        failed: 1,
        failures: [
          { title: 'tests/test_x.py::test_y', path: 'tests/test_x.py', message: 'AssertionError: nope' },
        ],
      });
    });
  });

  describe('go test', () => {
    it('reads plain output, qualifying file names with the package path', () => {
      const report = parseTestOutput(readTestOutput('go-test.txt'));
      expect(report.framework).toBe('go');
      expect(report.failures).toEqual([
        {
          title: 'example.com/fxgo/calc TestAdd',
          path: 'example.com/fxgo/calc/calc_test.go',
          line: 7,
          message: 'calc_test.go:7: Add(2, 2) = 4, want 5',
        },
        {
          title: 'example.com/fxgo/calc TestTable/negative',
          path: 'example.com/fxgo/calc/calc_test.go',
          line: 25,
          message: 'calc_test.go:25: Add(-1, -1) = -2, want -3',
        },
      ]);
    });

    it('reads -v output the same way, with the counts', () => {
      const report = parseTestOutput(readTestOutput('go-test-verbose.txt'));
      expect(report).toMatchObject({ framework: 'go', passed: 3, failed: 2, skipped: 1 });
      expect(report.failures.map((f) => f.title)).toEqual([
        'example.com/fxgo/calc TestAdd',
        'example.com/fxgo/calc TestTable/negative',
      ]);
    });

    it('reports build errors', () => {
      expect(parseTestOutput(readTestOutput('go-build-failure.txt')).failures).toEqual([
        {
          title: 'example.com/fxgo/calc [build failed]',
          path: 'calc/calc_test.go',
          line: 36,
          column: 5,
          message: 'undefined: Sub',
        },
      ]);
    });
  });

  describe.each(['cargo-test.txt', 'cargo-test-backtrace.txt'] as const)('cargo test (%s)', (fixture) => {
    const report = parseTestOutput(readTestOutput(fixture));

    it('reads totals and each panic with its location', () => {
      expect(report).toMatchObject({ framework: 'cargo', passed: 1, failed: 2, skipped: 1 });
      expect(report.failures).toEqual([
        {
          title: 'tests::parses_number',
          path: 'src/lib.rs',
          line: 6,
          column: 18,
          message: 'called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }',
        },
        {
          title: 'tests::adds',
          path: 'src/lib.rs',
          line: 15,
          column: 9,
          message: 'assertion `left == right` failed\n  left: 4\n right: 5',
        },
      ]);
    });
  });

  describe('JUnit XML', () => {
    it('prefers the XML reports when given, and decodes their entities', () => {
      const report = parseTestOutput('whatever the console said', {
        junitXml: [readTestOutput('pytest-junit.xml')],
      });
      expect(report).toMatchObject({ framework: 'junit', passed: 1, failed: 3, skipped: 1 });
      expect(report.failures[0]).toEqual({
        title: 'tests.test_calc.test_add',
        path: 'tests/test_calc.py',
        line: 7,
        message: 'assert 4 == 5\n +  where 4 = add(2, 2)',
      });
    });

    it("reads vitest's JUnit report with the file as the class name", () => {
      const report = parseTestOutput('', { junitXml: [readTestOutput('vitest-junit.xml')] });
      expect(report.failures.map((f) => [f.title, f.path, f.line])).toEqual([
        ['src/math.test.ts > math > adds two numbers', 'src/math.test.ts', 6],
        ['src/math.test.ts > math > divide > divides by zero without throwing', 'src/math.test.ts', 15],
        ['src/strings.test.ts > greets by name', 'src/strings.test.ts', 4],
      ]);
    });

    it('uses file and line attributes when the report has them', () => {
      const xml =
        '<testsuite><testcase classname="Calc" name="adds" file="spec/calc_spec.rb" line="12">' +
        '<failure message="expected 3"/></testcase></testsuite>';
      expect(parseTestOutput('', { junitXml: [xml] }).failures).toEqual([
        { title: 'Calc.adds', path: 'spec/calc_spec.rb', line: 12, message: 'expected 3' },
      ]);
    });
  });

  it('says unknown for output it cannot read', () => {
    expect(parseTestOutput('make: *** [all] Error 2')).toEqual({ framework: 'unknown', failures: [] });
  });
});
