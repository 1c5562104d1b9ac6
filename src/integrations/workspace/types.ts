/** A fresh clone owned by one run. */
export interface Workspace {
  /** Absolute path of the working tree. */
  readonly dir: string;
  /** The remote's default branch (what `origin/HEAD` points at). */
  readonly defaultBranch: string;
  /** SHA of the commit checked out now. */
  headSha(): Promise<string>;
  /** Deletes the clone from disk. */
  remove(): Promise<void>;
}

export interface GitAuthor {
  name: string;
  email: string;
}
