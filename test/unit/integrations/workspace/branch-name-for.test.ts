import { describe, expect, it } from 'vitest';
import { branchNameFor } from '../../../../src/integrations/workspace/branch-name-for.js';

describe('branchNameFor', () => {
  it('turns the title into a lowercase dashed slug', () => {
    expect(branchNameFor(42, 'Add a /health endpoint (JSON)!')).toBe(
      'pipeline/issue-42-add-a-health-endpoint-json',
    );
  });

  it('folds accents to ASCII and drops other scripts', () => {
    expect(branchNameFor(7, 'Café crème ünïcode 日本')).toBe('pipeline/issue-7-cafe-creme-unicode');
  });

  it('keeps the slug within 40 characters, cut at a word boundary', () => {
    const name = branchNameFor(1, 'Refactor the authentication middleware so that sessions expire correctly');
    const slug = name.replace('pipeline/issue-1-', '');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('refactor-the-authentication-middleware');
  });

  it('has no slug when the title has no usable characters', () => {
    expect(branchNameFor(3, '!!! ???')).toBe('pipeline/issue-3');
  });
});
