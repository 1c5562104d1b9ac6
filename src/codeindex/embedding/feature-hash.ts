/** 32-bit FNV-1a over the UTF-16 code units of a string, with a seed so one token yields independent hashes. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Bucket and sign for a token in a vector of `dimensions` (signed hashing keeps collisions unbiased). */
export function hashFeature(token: string, dimensions: number): { index: number; sign: 1 | -1 } {
  const h = fnv1a(token);
  const signHash = fnv1a(token, 0x9747b28c);
  return { index: h % dimensions, sign: (signHash & 1) === 0 ? 1 : -1 };
}
