import { describe, expect, it } from 'vitest';
import type { ChangedPath } from '../../../src/integrations/workspace/index.js';
import { describeTestChanges } from '../../../src/orchestration/nodes/test/describe-test-changes.js';

const change = (path: string, kind: ChangedPath['change']): ChangedPath => ({
  path,
  change: kind,
  newMode: kind === 'deleted' ? '000000' : '100644',
  newBlob: '0'.repeat(40),
});

describe("the check run's sentence on test files", () => {
  it('names the test files a change adds, changes and removes, and leaves other files out', () => {
    expect(
      describeTestChanges([
        change('src/sub.js', 'added'),
        change('test/sub.test.js', 'added'),
        change('src/sum.spec.ts', 'modified'),
        change('tests/test_old.py', 'deleted'),
      ]),
    ).toBe('The change adds `test/sub.test.js`, changes `src/sum.spec.ts`, removes `tests/test_old.py`.');
  });

  it('says so when the change touches no test file', () => {
    expect(describeTestChanges([change('src/sub.js', 'modified'), change('README.md', 'added')])).toBe(
      'The change adds or changes no test files.',
    );
  });

  it('lists at most ten paths of a kind', () => {
    const many = Array.from({ length: 12 }, (_, i) => change(`test/t${i}.test.js`, 'added'));
    expect(describeTestChanges(many)).toMatch(/`test\/t9\.test\.js` and 2 more\.$/);
  });
});
