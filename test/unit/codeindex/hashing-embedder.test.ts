import { describe, expect, it } from 'vitest';
import { createHashingEmbedder } from '../../../src/codeindex/embedding/hashing-embedder.js';
import { countTerms } from '../../../src/codeindex/embedding/tokenize.js';

const cosine = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('the local hashing embedder', () => {
  const embedder = createHashingEmbedder({ dimensions: 512 });

  it('returns deterministic unit vectors of the configured size and names its model', async () => {
    const [a, b] = await embedder.embedDocuments([
      'function retryRequest() {}',
      'function retryRequest() {}',
    ]);
    expect(a).toHaveLength(512);
    expect(a).toEqual(b);
    expect(cosine(a!, a!)).toBeCloseTo(1, 6);
    expect(embedder.modelId).toBe('local-hash-v1-512');
  });

  it('places a query nearer the code that shares its identifiers', async () => {
    const [retry, render] = await embedder.embedDocuments([
      'export function retryWithBackoff(request, attempts) { return backoff(attempts) }',
      'export function renderTemplate(view, locals) { return engine.render(view, locals) }',
    ]);
    const query = await embedder.embedQuery('requests are not retried with backoff');
    expect(cosine(query, retry!)).toBeGreaterThan(cosine(query, render!));
  });

  it('gives the same vectors from texts tokenised beforehand as from the texts (indexing tokenises once)', async () => {
    const texts = ['src/retry.ts\nretryWithBackoff\nexport function retryWithBackoff() {}', '', 'a b a'];
    const counted = await embedder.embedCounted!(texts.map(countTerms));
    expect(counted).toEqual(await embedder.embedDocuments(texts));
  });

  it('gives an empty text a zero vector instead of NaN', async () => {
    expect((await embedder.embedQuery('')).every((x) => x === 0)).toBe(true);
  });
});
