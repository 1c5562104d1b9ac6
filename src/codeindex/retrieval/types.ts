/** One file found for a query, with the range of its best-matching chunk. */
export interface CodeSearchHit {
  path: string;
  startLine: number;
  endLine: number;
  /** Declarations in the range, e.g. `AxiosHeaders.set`; '' for loose code. */
  symbol: string;
  score: number;
  /** The chunk's text; '' once the token budget is spent. */
  snippet: string;
}

export interface CodeSearchResult {
  repoFullName: string;
  /** Commit the index reflects (undefined when the repository was never indexed). */
  commit: string | undefined;
  hits: CodeSearchHit[];
  /** Rough token count of all snippets (characters / 4). */
  tokens: number;
}
