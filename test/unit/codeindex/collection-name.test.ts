import { describe, expect, it } from 'vitest';
import { collectionName } from '../../../src/codeindex/collections/collection-name.js';

const CHROMA_RULE = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]$/;

describe('collection names', () => {
  it('are derived from owner/repo and follow Chroma naming rules', () => {
    const name = collectionName('code', 'octo-org/hello.world');
    expect(name).toMatch(/^code-octo-org-hello\.world-[0-9a-f]{8}$/);
    for (const repo of ['a/b', '..weird../__repo__', `${'x'.repeat(300)}/${'y'.repeat(300)}`, 'ünï/cödé']) {
      expect(collectionName('code', repo)).toMatch(CHROMA_RULE);
      expect(collectionName('code', repo)).not.toContain('..');
    }
  });

  it('stay distinct for repositories that sanitise alike', () => {
    expect(collectionName('code', 'a/b_c')).not.toBe(collectionName('code', 'a/b c'));
  });
});
