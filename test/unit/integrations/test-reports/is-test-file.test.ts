import { describe, expect, it } from 'vitest';
import { isTestFile } from '../../../../src/integrations/test-reports/index.js';

describe('isTestFile()', () => {
  it.each([
    'test/sub.test.js',
    'src/__tests__/sum.ts',
    'lib/sum.spec.mjs',
    'tests/test_api.py',
    'pkg/api/handler_test.go',
    'spec/models/user_spec.rb',
    'src/test/java/com/acme/SumTest.java',
  ])('knows %s for a test file', (path) => {
    expect(isTestFile(path)).toBe(true);
  });

  it.each(['src/sub.js', 'README.md', 'src/testing-utils.ts', 'contest/entry.py', 'latest/notes.txt'])(
    'knows %s for not a test file',
    (path) => {
      expect(isTestFile(path)).toBe(false);
    },
  );
});
