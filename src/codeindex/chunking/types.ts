/** A piece of a file, cut along code structure where the language is known. Lines are 1-based, inclusive. */
export interface Chunk {
  startLine: number;
  endLine: number;
  /** The declared name(s) the chunk holds (`Foo`, `Foo.bar`, a heading), or '' for loose code. */
  symbol: string;
  text: string;
}

export type Language = 'typescript' | 'javascript' | 'python' | 'go' | 'java' | 'rust' | 'markdown' | 'text';

/** Size limits for chunks. */
export interface ChunkLimits {
  /** A declaration longer than this is split (members first, then line windows). */
  maxLines: number;
  /** Hard cap on characters in one chunk (long lines, minified code). */
  maxChars: number;
  /** Neighbouring declarations shorter than this are merged. */
  minLines: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxLines: 120, maxChars: 6000, minLines: 8 };
