import { SUPPLEMENTARY_PATTERNS } from './supplementary-patterns.js';

const REDACTED = '[redacted]';
/** Shorter values would mangle ordinary words; secrets are never this short. */
const MIN_SECRET_LENGTH = 6;

/**
 * A function that replaces every known secret in a text, and anything shaped like a high-signal credential
 * (cloud keys, GitHub and Anthropic tokens), with `[redacted]`. The secrets are sorted once (longest first,
 * so a secret that contains another goes whole), for text redacted many times: every line the app logs.
 */
export function createSecretRedactor(knownSecrets: readonly string[]): (text: string) => string {
  const known = [...new Set(knownSecrets)]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) out = out.replaceAll(secret, REDACTED);
    for (const { pattern } of SUPPLEMENTARY_PATTERNS) {
      out = out.replace(pattern, (match: string, secret: string | undefined) =>
        secret ? match.replace(secret, REDACTED) : REDACTED,
      );
    }
    return out;
  };
}
