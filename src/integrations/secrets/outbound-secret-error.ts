import type { SecretFinding } from './types.js';

/**
 * A text the app was about to send (a comment, a pull request, a check run) seems to hold a secret, so it was
 * not sent. The message names what was held back and where (field, line, rule, redacted prefix), never the secret.
 */
export class OutboundSecretError extends Error {
  override readonly name = 'OutboundSecretError';

  constructor(
    /** What was not sent, as a sentence's subject, e.g. `A comment`. */
    readonly place: string,
    /** Each finding's `file` is the request field that held it (`body`, `title`, `output`, …). */
    readonly findings: readonly SecretFinding[],
  ) {
    const where = findings
      .map((f) => `in its ${f.file}, line ${f.line}: ${f.rule}, \`${f.redacted}\``)
      .join('; ');
    super(
      `${place} was not sent to GitHub because it seems to contain a secret (${where}). Nothing with it was posted.`,
    );
  }
}
