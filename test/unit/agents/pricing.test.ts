import { describe, expect, it } from 'vitest';
import { costOf, priceFor } from '../../../src/integrations/anthropic/index.js';

const million = { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 0, cacheWriteTokens: 0 };

describe('Claude pricing', () => {
  it.each([
    ['claude-sonnet-4-6', 18],
    ['claude-sonnet-4-5-20250929', 18],
    ['claude-sonnet-4-20250514', 18],
    ['claude-opus-4-1-20250805', 90],
    ['claude-opus-4-5', 30],
    ['claude-haiku-4-5', 6],
  ])('%s costs $%d per million input + output tokens', (model, dollars) => {
    expect(priceFor(model).known).toBe(true);
    expect(costOf(model, million)).toBeCloseTo(dollars);
  });

  it('charges cache writes at 1.25× and reads at 0.1× the input price', () => {
    const usage = {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 1_000_000,
      cacheWriteTokens: 1_000_000,
    };
    expect(costOf('claude-sonnet-4-6', usage)).toBeCloseTo(3 * 1.25 + 3 * 0.1);
  });

  it('prices an unknown model like Sonnet and says it is unknown', () => {
    expect(priceFor('gpt-5')).toEqual({ price: { inputPerMTok: 3, outputPerMTok: 15 }, known: false });
    expect(costOf('claude-future-9', million)).toBeCloseTo(18);
  });
});
