export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

/**
 * An in-memory Okapi BM25 index over pre-tokenised documents. Documents can be added and removed one by
 * one (ids are never reused), so an index follows a repository file by file instead of being rebuilt.
 * Postings are kept per term; a query touches only the postings of its own terms.
 */
export class Bm25Index {
  /** term → doc → term frequency. */
  private readonly postings = new Map<string, Map<number, number>>();
  /** doc → its distinct terms (to remove it) and its length. */
  private readonly docs = new Map<number, { terms: string[]; length: number }>();
  private nextDoc = 0;
  private totalLength = 0;
  private readonly k1: number;
  private readonly b: number;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  get size(): number {
    return this.docs.size;
  }

  /** Adds a document and returns its id. */
  add(tokens: string[]): number {
    const doc = this.nextDoc++;
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = this.postings.get(term);
      if (!list) {
        list = new Map();
        this.postings.set(term, list);
      }
      list.set(doc, tf);
    }
    this.docs.set(doc, { terms: [...counts.keys()], length: tokens.length });
    this.totalLength += tokens.length;
    return doc;
  }

  /** Removes a document; unknown ids are ignored. */
  remove(doc: number): void {
    const entry = this.docs.get(doc);
    if (!entry) return;
    for (const term of entry.terms) {
      const list = this.postings.get(term);
      list?.delete(doc);
      if (list?.size === 0) this.postings.delete(term);
    }
    this.docs.delete(doc);
    this.totalLength -= entry.length;
  }

  /** Inverse document frequency of a term (0 for unknown terms). */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    if (df === 0) return 0;
    const n = this.docs.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Scores every document containing a query term; returns the best `limit`, highest first. */
  search(queryTokens: string[], limit: number, weights?: (term: string) => number): Bm25Hit[] {
    const n = this.docs.size;
    if (n === 0) return [];
    const avg = this.totalLength / n;
    const scores = new Map<number, number>();
    for (const term of new Set(queryTokens)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * (weights ? weights(term) : 1);
      for (const [doc, tf] of list) {
        const len = this.docs.get(doc)?.length ?? avg;
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
