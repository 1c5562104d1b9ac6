import { describe, expect, it } from 'vitest';
import { parseAddedLines } from '../../../../src/integrations/secrets/index.js';

describe('parseAddedLines', () => {
  it('numbers added lines in the new file across hunks', () => {
    const diff = [
      'diff --git a/a.txt b/a.txt',
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -1,2 +1,3 @@',
      ' one',
      '+two',
      ' three',
      '@@ -20,2 +21,2 @@ heading',
      '-old',
      '+new',
      ' tail',
    ].join('\n');
    expect(parseAddedLines(diff)).toEqual([
      { file: 'a.txt', line: 2, text: 'two' },
      { file: 'a.txt', line: 21, text: 'new' },
    ]);
  });

  it('reads an added line that itself starts with "++"', () => {
    const diff = ['--- a/c.c', '+++ b/c.c', '@@ -1 +1,2 @@', ' int i;', '+++ i;'].join('\n');
    expect(parseAddedLines(diff)).toEqual([{ file: 'c.c', line: 2, text: '++ i;' }]);
  });

  it("decodes git's quoted file names", () => {
    const diff = ['--- "a/caf\\303\\251.txt"', '+++ "b/caf\\303\\251.txt"', '@@ -0,0 +1 @@', '+x'].join('\n');
    expect(parseAddedLines(diff)).toEqual([{ file: 'café.txt', line: 1, text: 'x' }]);
  });
});
