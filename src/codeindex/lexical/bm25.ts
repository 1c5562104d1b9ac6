export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

/** Term frequencies of a token list. */
export function termCounts(tokens: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/**
 * An in-memory Okapi BM25 index over pre-tokenised documents. Documents can be added and removed one by
 * one (ids are never reused), so an index follows a repository file by file instead of being rebuilt.
 * Postings are kept per term; a query touches only the postings of its own terms.
 */
export class Bm25Index {
  /** term → documents holding it, their term frequencies, and how many of those documents are live. */
  private readonly postings = new Map<string, { docs: number[]; tfs: number[]; df: number }>();
  /** Live documents: their distinct terms and frequencies (to remove or save them) and their length. */
  private readonly docs = new Map<number, { terms: string[]; tfs: number[]; length: number }>();
  /** Posting entries of removed documents, dropped in bulk once they outnumber a quarter of all. */
  private dead = 0;
  /** Length of each document by id (-1 once removed): a query reads it for every posting it scores. */
  private lengths = new Float64Array(1024);
  private entries = 0;
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
    return this.addCounts(termCounts(tokens), tokens.length);
  }

  /** Adds a document given as term frequencies and its length in tokens; returns its id. */
  addCounts(counts: Map<string, number>, length: number): number {
    const doc = this.nextDoc++;
    for (const [term, tf] of counts) {
      const list = this.postings.get(term);
      if (list) {
        list.docs.push(doc);
        list.tfs.push(tf);
        list.df++;
      } else this.postings.set(term, { docs: [doc], tfs: [tf], df: 1 });
    }
    this.entries += counts.size;
    if (doc >= this.lengths.length) {
      const grown = new Float64Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[doc] = length;
    this.docs.set(doc, { terms: [...counts.keys()], tfs: [...counts.values()], length });
    this.totalLength += length;
    return doc;
  }

  /** A live document's distinct terms, their frequencies and its length (undefined once removed). */
  document(doc: number): { terms: readonly string[]; tfs: readonly number[]; length: number } | undefined {
    return this.docs.get(doc);
  }

  /** Removes a document; unknown ids are ignored. */
  remove(doc: number): void {
    const entry = this.docs.get(doc);
    if (!entry) return;
    this.docs.delete(doc);
    this.lengths[doc] = -1;
    this.totalLength -= entry.length;
    for (const term of entry.terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      list.df--;
      if (list.df === 0) {
        this.postings.delete(term);
        this.entries -= list.docs.length;
        this.dead -= list.docs.length - 1;
      } else this.dead++;
    }
    if (this.dead * 4 > this.entries) this.compact();
  }

  private compact(): void {
    for (const list of this.postings.values()) {
      const docs: number[] = [];
      const tfs: number[] = [];
      list.docs.forEach((d, i) => {
        if (this.docs.has(d)) {
          docs.push(d);
          tfs.push(list.tfs[i] as number);
        }
      });
      list.docs = docs;
      list.tfs = tfs;
    }
    this.entries -= this.dead;
    this.dead = 0;
  }

  /** Inverse document frequency of a term (0 for unknown terms). */
  idf(term: string): number {
    const df = this.postings.get(term)?.df ?? 0;
    if (df === 0) return 0;
    const n = this.docs.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Scores every document containing a query term; returns the best `limit`, highest first (ties in the
   * order the documents were first met). Scores go to an array indexed by document id rather than a map:
   * a common query word has postings in most documents of a large repository.
   */
  search(queryTokens: string[], limit: number, weights?: (term: string) => number): Bm25Hit[] {
    const n = this.docs.size;
    if (n === 0) return [];
    const avg = this.totalLength / n;
    const k1 = this.k1;
    const b = this.b;
    const lengths = this.lengths;
    const scores = new Float64Array(this.nextDoc);
    const seen = new Uint8Array(this.nextDoc);
    const met: number[] = [];
    for (const term of new Set(queryTokens)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * (weights ? weights(term) : 1);
      const { docs, tfs } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        const len = lengths[doc] as number;
        if (len < 0) continue; // removed, not compacted yet
        const tf = tfs[i] as number;
        scores[doc] = (scores[doc] as number) + (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avg));
        if (seen[doc] === 0) {
          seen[doc] = 1;
          met.push(doc);
        }
      }
    }
    return topHits(met, scores, limit);
  }
}

/**
 * The best `limit` of `docs` by score, highest first, ties in `docs` order — what a stable sort of all of
 * them would give, without building and sorting an object per document: a native sort of the scores finds
 * the cut-off, and only the documents at or above it are sorted.
 */
function topHits(docs: number[], scores: Float64Array, limit: number): Bm25Hit[] {
  let candidates = docs;
  if (docs.length > limit * 4 && limit > 0) {
    const sorted = Float64Array.from(docs, (d) => scores[d] as number).sort();
    const cutoff = sorted[sorted.length - limit] as number;
    candidates = docs.filter((d) => (scores[d] as number) >= cutoff);
  }
  return candidates
    .map((doc) => ({ doc, score: scores[doc] as number }))
    .sort((x, y) => y.score - x.score)
    .slice(0, limit);
}
