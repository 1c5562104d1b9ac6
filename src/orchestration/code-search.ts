/** Code retrieval as the nodes use it; backed by the code index when one is configured. */
export type CodeSearch = {
  /** Indexes the workspace at its HEAD if the index is older. */
  ensureIndexed(repoFullName: string, workspaceDir: string, commit: string): Promise<void>;
  /** Snippets (paths, line ranges, code) most relevant to the query, within a token budget. */
  search(repoFullName: string, query: string, k: number): Promise<string>;
};
