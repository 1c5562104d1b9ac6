import type { SecretFinding } from './types.js';

/** Findings as a plain list for a comment or an event: place, line, rule and redacted prefix, never the secret. */
export function describeFindings(findings: readonly SecretFinding[]): string {
  return findings.map((f) => `\`${f.file}\` line ${f.line} (${f.rule}, \`${f.redacted}\`)`).join(', ');
}
