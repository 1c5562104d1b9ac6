import { describe, expect, it } from 'vitest';
import { writtenBefore } from '../../../src/github/commands/written-before.js';

describe('a comment (GitHub timestamps in whole seconds) against the moment a run changed', () => {
  const changed = new Date('2026-11-25T10:00:01.400Z');

  it('was written before it when its second is earlier', () => {
    expect(writtenBefore(new Date('2026-11-25T10:00:00Z'), changed)).toBe(true);
  });

  it('counts as written after it in the same second, or later', () => {
    expect(writtenBefore(new Date('2026-11-25T10:00:01Z'), changed)).toBe(false);
    expect(writtenBefore(new Date('2026-11-25T10:00:02Z'), changed)).toBe(false);
  });
});
