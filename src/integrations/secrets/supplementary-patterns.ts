/**
 * High-signal shapes checked on every added line besides secretlint's rules: secretlint leaves
 * AWS key ids to an opt-in rule and only flags private keys whose whole body is present.
 * Each pattern's first capture group (or whole match) is the secret.
 */
export const SUPPLEMENTARY_PATTERNS: ReadonlyArray<{ rule: string; pattern: RegExp }> = [
  { rule: 'pipeline/aws-access-key-id', pattern: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g },
  {
    rule: 'pipeline/aws-secret-access-key',
    pattern: /aws_?secret_?access_?key["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
  },
  { rule: 'pipeline/github-token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255})\b/g },
  { rule: 'pipeline/github-token', pattern: /\b(github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { rule: 'pipeline/anthropic-api-key', pattern: /\b(sk-ant-[A-Za-z0-9_-]{20,})/g },
  {
    rule: 'pipeline/private-key',
    pattern: /(-----BEGIN (?:RSA |DSA |EC |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----)/g,
  },
];

/** Every supplementary match on one line: the rule and the secret text. */
export function matchSupplementary(text: string): Array<{ rule: string; secret: string }> {
  const found: Array<{ rule: string; secret: string }> = [];
  for (const { rule, pattern } of SUPPLEMENTARY_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      found.push({ rule, secret: match[1] ?? match[0] });
    }
  }
  return found;
}
