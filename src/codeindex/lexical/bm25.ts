export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

/**
 * An in-memory Okapi BM25 index over pre-tokenised documents (document ids are dense integers).
 * Postings are kept per term; a query touches only the postings of its own terms.
 */
export class Bm25Index {
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly lengths: number[] = [];
  private totalLength = 0;
  private readonly k1: number;
  private readonly b: number;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Adds the next document and returns its id. */
  add(tokens: string[]): number {
    const doc = this.lengths.length;
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = this.postings.get(term);
      if (!list) {
        list = { docs: [], tfs: [] };
        this.postings.set(term, list);
      }
      list.docs.push(doc);
      list.tfs.push(tf);
    }
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
    return doc;
  }

  /** Inverse document frequency of a term (0 for unknown terms). */
  idf(term: string): number {
    const df = this.postings.get(term)?.docs.length ?? 0;
    if (df === 0) return 0;
    const n = this.lengths.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Scores every document containing a query term; returns the best `limit`, highest first. */
  search(queryTokens: string[], limit: number, weights?: (term: string) => number): Bm25Hit[] {
    const n = this.lengths.length;
    if (n === 0) return [];
    const avg = this.totalLength / n;
    const scores = new Map<number, number>();
    for (const term of new Set(queryTokens)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * (weights ? weights(term) : 1);
      for (let i = 0; i < list.docs.length; i++) {
        const doc = list.docs[i] as number;
        const tf = list.tfs[i] as number;
        const len = this.lengths[doc] as number;
        const s = (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * len) / avg));
        scores.set(doc, (scores.get(doc) ?? 0) + s);
      }
    }
    return [...scores]
      .map(([doc, score]) => ({ doc, score }))
      .sort((x, y) => y.score - x.score)
      .slice(0, limit);
  }
}
