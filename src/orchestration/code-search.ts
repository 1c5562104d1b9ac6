/** Code retrieval and run memory as the nodes use them; backed by the code index when one is configured. */
export type CodeSearch = {
  /** Indexes the workspace at its HEAD if the index is older. */
  ensureIndexed(repoFullName: string, workspaceDir: string, commit: string): Promise<void>;
  /** Snippets (paths, line ranges, code) most relevant to the query, within a token budget. */
  search(repoFullName: string, query: string, k: number): Promise<string>;
  /** One line per similar past run ("last time a change to X failed because …"). */
  recall(repoFullName: string, text: string): Promise<string[]>;
  /** Stores how a run went, for later issues. */
  remember(input: {
    repoFullName: string;
    runId: string;
    issueTitle: string;
    issueBody: string;
    plan: string;
    outcome: string;
    filesChanged: string[];
    feedback?: string;
  }): Promise<void>;
};
