import { describe, expect, it } from 'vitest';
import { createSecretRedactor } from '../../../../src/integrations/secrets/index.js';

const redactSecrets = (text: string, knownSecrets: string[]) => createSecretRedactor(knownSecrets)(text);

describe('a secret redactor', () => {
  it('replaces every occurrence of the known secrets', () => {
    const text = 'token=abc123xyz789 and again abc123xyz789';
    expect(redactSecrets(text, ['abc123xyz789'])).toBe('token=[redacted] and again [redacted]');
  });

  it('replaces the longer secret first when one contains another', () => {
    expect(redactSecrets('key: secretvalue-extended', ['secretvalue', 'secretvalue-extended'])).toBe(
      'key: [redacted]',
    );
  });

  it('leaves very short "secrets" alone rather than mangling words', () => {
    expect(redactSecrets('the cat sat', ['cat', ''])).toBe('the cat sat');
  });

  it('also hides values shaped like credentials it was not told about', () => {
    const text = 'use ghs_16C7e42F292c6912E7710c838347Ae178B4a or AKIAZ7VQ3WXKJD4HLMPR';
    expect(redactSecrets(text, [])).toBe('use [redacted] or [redacted]');
  });
});
