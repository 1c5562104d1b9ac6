import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseTestOutput,
  toAnnotations,
  type TestReport,
} from '../../../../src/integrations/test-reports/index.js';
import { readTestOutput } from '../../../fixtures/test-outputs/index.js';

const report = (failures: TestReport['failures']): TestReport => ({ framework: 'vitest', failures });

describe('toAnnotations', () => {
  it('makes one failure annotation per located failure', () => {
    const annotations = toAnnotations(parseTestOutput(readTestOutput('vitest-plain.txt')), {
      workspaceDir: '/tmp/fx-vitest',
    });
    expect(annotations[0]).toEqual({
      path: 'src/math.test.ts',
      start_line: 6,
      end_line: 6,
      annotation_level: 'failure',
      title: 'src/math.test.ts > math > adds two numbers',
      message: expect.stringContaining('expected 2 to be 3'),
    });
    expect(annotations).toHaveLength(3);
  });

  it('turns absolute paths inside the workspace into repo-relative ones', () => {
    const annotations = toAnnotations(parseTestOutput(readTestOutput('node-tap.txt')), {
      workspaceDir: '/tmp/fx-tap',
    });
    expect(annotations.map((a) => `${a.path}:${a.start_line}`)).toEqual([
      'test/math.test.mjs:5',
      'test/text.test.mjs:4',
      'test/text.test.mjs:8',
    ]);
  });

  it('drops failures located outside the repository or not located at all', () => {
    const annotations = toAnnotations(
      report([
        { title: 'outside', path: '/usr/lib/node/x.js', line: 1, message: 'm' },
        { title: 'climbs out', path: '../other/x.js', line: 1, message: 'm' },
        { title: 'nowhere', message: 'm' },
        { title: 'kept', path: './src\\win.ts', line: 3, message: 'm' },
      ]),
      { workspaceDir: '/work/repo' },
    );
    expect(annotations.map((a) => [a.title, a.path])).toEqual([['kept', 'src/win.ts']]);
  });

  it('keeps at most 50', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      title: `t${i}`,
      path: 'a.ts',
      line: i + 1,
      message: 'm',
    }));
    expect(toAnnotations(report(many), { workspaceDir: '/w' })).toHaveLength(50);
  });

  describe('with Go package paths', () => {
    const repo = mkdtempSync(join(tmpdir(), 'annotations-go-'));
    mkdirSync(join(repo, 'calc'));
    writeFileSync(join(repo, 'calc/calc_test.go'), 'package calc\n');
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('maps `<module>/<dir>/<file>` onto the file in the repository', () => {
      const annotations = toAnnotations(parseTestOutput(readTestOutput('go-test.txt')), {
        workspaceDir: repo,
      });
      expect(annotations.map((a) => `${a.path}:${a.start_line}`)).toEqual([
        'calc/calc_test.go:7',
        'calc/calc_test.go:25',
      ]);
    });
  });
});
