import { hashFeature } from './feature-hash.js';
import { tokenPrior } from './token-weights.js';
import { countTerms, type TermCounts } from './tokenize.js';
import type { Embedder } from './types.js';

export interface HashingEmbedderOptions {
  /** Vector size; more dimensions mean fewer hash collisions and more storage. */
  dimensions?: number;
}

const K1 = 1.2;
const B = 0.5;
const AVERAGE_TOKENS = 250;

/**
 * Weighted, signed feature hashing of code-aware tokens into a fixed-size, L2-normalised vector.
 * Term frequency is saturated and length-normalised as in BM25; IDF is replaced by a fixed prior
 * (`tokenPrior`) so a vector never depends on the rest of the corpus. Needs no model and no network.
 */
export function createHashingEmbedder(options: HashingEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 1024;
  const embed = (text: string): number[] => embedText(text, dimensions);
  return {
    modelId: `local-hash-v1-${dimensions}`,
    maxBatchSize: 256,
    embedDocuments: async (texts) => texts.map(embed),
    embedCounted: async (texts) => texts.map((t) => embedCounts(t, dimensions)),
    embedQuery: async (text) => embed(text),
  };
}

export function embedText(text: string, dimensions: number): number[] {
  return embedCounts(countTerms(text), dimensions);
}

function embedCounts({ counts, length }: TermCounts, dimensions: number): number[] {
  const lengthNorm = 1 - B + (B * length) / AVERAGE_TOKENS;
  const vector = new Float64Array(dimensions);
  for (const [token, tf] of counts) {
    const weight = (tokenPrior(token) * (tf * (K1 + 1))) / (tf + K1 * lengthNorm);
    const { index, sign } = hashFeature(token, dimensions);
    vector[index] = (vector[index] ?? 0) + sign * weight;
  }
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  const out = new Array<number>(dimensions);
  for (let i = 0; i < dimensions; i++) out[i] = norm > 0 ? (vector[i] ?? 0) / norm : 0;
  return out;
}
