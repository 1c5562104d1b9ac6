/** One suspected secret in a diff or an outgoing text. Never holds the secret itself. */
export interface SecretFinding {
  /** Repo-relative path of the file the line is added to, or the text's place (e.g. `pull request body`). */
  file: string;
  /** Line number in the new version of the file, or in the text (1-based). */
  line: number;
  /** Detector id: a secretlint rule id, or `pipeline/<name>` for the supplementary patterns. */
  rule: string;
  /** First 4 characters of the secret followed by `…` (only `…` for one of the app's own secrets). */
  redacted: string;
}

/** What every scan may also be told: the app's own secret values, found wherever they appear verbatim. */
export interface ScanOptions {
  knownSecrets?: readonly string[];
}
