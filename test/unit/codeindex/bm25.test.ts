import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../src/codeindex/lexical/bm25.js';

describe('BM25 index', () => {
  const index = new Bm25Index();
  index.add(['retry', 'request', 'backoff', 'request']);
  index.add(['parse', 'header', 'request']);
  index.add(['render', 'template']);

  it('ranks the document with the rarer matching term first', () => {
    const hits = index.search(['backoff', 'request'], 3);
    expect(hits.map((h) => h.doc)).toEqual([0, 1]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('gives a term found everywhere a lower idf than a rare one, and unknown terms none', () => {
    expect(index.idf('request')).toBeLessThan(index.idf('template'));
    expect(index.idf('missing')).toBe(0);
    expect(index.search(['missing'], 5)).toEqual([]);
  });
});
