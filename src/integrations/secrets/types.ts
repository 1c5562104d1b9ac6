/** One suspected secret on an added line of a diff. Never holds the secret itself. */
export interface SecretFinding {
  /** Repo-relative path of the file the line is added to. */
  file: string;
  /** Line number in the new version of the file (1-based). */
  line: number;
  /** Detector id: a secretlint rule id, or `pipeline/<name>` for the supplementary patterns. */
  rule: string;
  /** First 4 characters of the secret followed by `…`. */
  redacted: string;
}
