import { describeFindings } from './describe-findings.js';
import type { SecretFinding } from './types.js';

/**
 * A text the app was about to send (a comment, a pull request, a check run) seems to hold a secret, so it was
 * not sent. The message names the place and the findings, never the secret.
 */
export class OutboundSecretError extends Error {
  override readonly name = 'OutboundSecretError';

  constructor(
    /** What was not sent, as a sentence's subject, e.g. `A comment`. */
    readonly place: string,
    readonly findings: readonly SecretFinding[],
  ) {
    super(
      `${place} was not sent to GitHub because it seems to contain a secret: ${describeFindings(findings)}. Nothing with it was posted.`,
    );
  }
}
