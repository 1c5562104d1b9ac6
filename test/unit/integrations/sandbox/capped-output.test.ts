import { describe, expect, it } from 'vitest';
import { CappedOutput } from '../../../../src/integrations/sandbox/capped-output.js';

describe('CappedOutput', () => {
  it('keeps everything under the cap, in order', () => {
    const out = new CappedOutput(100);
    out.push(Buffer.from('hello '));
    out.push(Buffer.from('world'));
    expect(out.toString()).toBe('hello world');
    expect(out.truncated).toBe(false);
  });

  it('keeps the head and the tail and says how much was cut', () => {
    const out = new CappedOutput(10);
    for (const piece of ['01234', '56789', 'abcde', 'fghij', 'KLMNO']) out.push(Buffer.from(piece));
    expect(out.truncated).toBe(true);
    const text = out.toString();
    expect(text.startsWith('01234')).toBe(true);
    expect(text.endsWith('KLMNO')).toBe(true);
    expect(text).toContain('15 of 25 bytes omitted');
    expect(text).not.toContain('abcde');
  });

  it('splits a single large chunk between head and tail', () => {
    const out = new CappedOutput(4);
    out.push(Buffer.from('abcdefgh'));
    expect(out.toString()).toMatch(/^ab\n\[… output truncated: 4 of 8 bytes omitted …\]\ngh$/);
  });
});
