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

  it('forgets a removed document: its postings, its length and its share of the idf', () => {
    const live = new Bm25Index();
    const a = live.add(['retry', 'backoff']);
    live.add(['parse', 'header']);
    const idfBefore = live.idf('parse');
    live.remove(a);
    expect(live.size).toBe(1);
    expect(live.search(['retry', 'backoff'], 5)).toEqual([]);
    expect(live.idf('parse')).toBeLessThan(idfBefore);
    const again = live.add(['retry']);
    expect(again).not.toBe(a);
    expect(live.search(['retry'], 5).map((h) => h.doc)).toEqual([again]);
  });

  it('still ranks correctly after most documents were removed and replaced', () => {
    const live = new Bm25Index();
    const ids = Array.from({ length: 50 }, (_, i) => live.add(['shared', `only${i}`]));
    for (const id of ids.slice(0, 45)) live.remove(id);
    const fresh = live.add(['shared', 'shared', 'new']);
    expect(live.size).toBe(6);
    expect(live.search(['only3'], 5)).toEqual([]);
    expect(live.search(['only47'], 5).map((h) => h.doc)).toEqual([ids[47]]);
    expect(live.search(['shared'], 10).map((h) => h.doc)[0]).toBe(fresh);
    expect(live.search(['shared'], 10)).toHaveLength(6);
  });

  it('returns the best of many matches with equal scores in the order the documents were added', () => {
    const many = new Bm25Index();
    const same = Array.from({ length: 40 }, () => many.add(['shared', 'filler']));
    const best = many.add(['shared', 'rare']);
    const hits = many.search(['shared', 'rare'], 5);
    expect(hits.map((h) => h.doc)).toEqual([best, ...same.slice(0, 4)]);
    expect(new Set(hits.slice(1).map((h) => h.score)).size).toBe(1);
  });
});
