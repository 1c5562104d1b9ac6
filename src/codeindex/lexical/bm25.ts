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

/** One term's postings: documents holding it and their term frequencies, in the order they were added. */
interface Postings {
  docs: Int32Array;
  tfs: Int32Array;
  /** Entries used in `docs`/`tfs` (live and removed-but-not-compacted). */
  size: number;
  /** Live documents holding the term. */
  df: number;
}

function appendPosting(list: Postings, doc: number, tf: number): void {
  if (list.size === list.docs.length) {
    const docs = new Int32Array(list.docs.length * 2);
    const tfs = new Int32Array(list.docs.length * 2);
    docs.set(list.docs);
    tfs.set(list.tfs);
    list.docs = docs;
    list.tfs = tfs;
  }
  list.docs[list.size] = doc;
  list.tfs[list.size] = tf;
  list.size++;
}

/**
 * An in-memory Okapi BM25 index over pre-tokenised documents. Documents can be added and removed one by
 * one (ids are never reused), so an index follows a repository file by file instead of being rebuilt.
 * Postings are kept per term; a query touches only the postings of its own terms. Terms are numbered and
 * postings and documents held in typed arrays: a 20,000-file repository has millions of postings, and
 * arrays of objects and strings cost several times the memory.
 */
export class Bm25Index {
  /** term → its number; numbers index `postings`. A term keeps its number after its last document goes. */
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: (Postings | undefined)[] = [];
  /** Live documents: their distinct terms' numbers and frequencies, interleaved (to remove or save them). */
  private readonly docs = new Map<number, Int32Array>();
  /** Length of each document by id (-1 once removed): a query reads it for every posting it scores. */
  private lengths = new Float64Array(1024);
  /** Posting entries of removed documents, dropped in bulk once they outnumber a quarter of all. */
  private dead = 0;
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
    const packed = new Int32Array(counts.size * 2);
    let k = 0;
    for (const [term, tf] of counts) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(term, id);
        this.terms.push(term);
      }
      let list = this.postings[id];
      if (!list) {
        list = { docs: new Int32Array(2), tfs: new Int32Array(2), size: 0, df: 0 };
        this.postings[id] = list;
      }
      appendPosting(list, doc, tf);
      list.df++;
      packed[k++] = id;
      packed[k++] = tf;
    }
    this.entries += counts.size;
    if (doc >= this.lengths.length) {
      const grown = new Float64Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[doc] = length;
    this.docs.set(doc, packed);
    this.totalLength += length;
    return doc;
  }

  /** A live document's distinct terms, their frequencies and its length (undefined once removed). */
  document(doc: number): { terms: readonly string[]; tfs: readonly number[]; length: number } | undefined {
    const packed = this.docs.get(doc);
    if (!packed) return undefined;
    const terms: string[] = [];
    const tfs: number[] = [];
    for (let k = 0; k < packed.length; k += 2) {
      terms.push(this.terms[packed[k] as number] as string);
      tfs.push(packed[k + 1] as number);
    }
    return { terms, tfs, length: this.lengths[doc] as number };
  }

  /** Removes a document; unknown ids are ignored. */
  remove(doc: number): void {
    const packed = this.docs.get(doc);
    if (!packed) return;
    this.docs.delete(doc);
    this.totalLength -= this.lengths[doc] as number;
    this.lengths[doc] = -1;
    for (let k = 0; k < packed.length; k += 2) {
      const id = packed[k] as number;
      const list = this.postings[id];
      if (!list) continue;
      list.df--;
      if (list.df === 0) {
        this.postings[id] = undefined;
        this.entries -= list.size;
        this.dead -= list.size - 1;
      } else this.dead++;
    }
    if (this.dead * 4 > this.entries) this.compact();
  }

  private compact(): void {
    for (const list of this.postings) {
      if (!list) continue;
      let kept = 0;
      for (let i = 0; i < list.size; i++) {
        const d = list.docs[i] as number;
        if ((this.lengths[d] as number) >= 0) {
          list.docs[kept] = d;
          list.tfs[kept] = list.tfs[i] as number;
          kept++;
        }
      }
      list.size = kept;
    }
    this.entries -= this.dead;
    this.dead = 0;
  }

  /** Inverse document frequency of a term (0 for unknown terms). */
  idf(term: string): number {
    const id = this.termIds.get(term);
    const df = id === undefined ? 0 : (this.postings[id]?.df ?? 0);
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
      const id = this.termIds.get(term);
      const list = id === undefined ? undefined : this.postings[id];
      if (!list) continue;
      const idf = this.idf(term) * (weights ? weights(term) : 1);
      const { docs, tfs, size } = list;
      for (let i = 0; i < size; i++) {
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
