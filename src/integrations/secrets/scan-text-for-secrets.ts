import { lintWithSecretlint } from './lint-with-secretlint.js';
import { matchKnownSecrets } from './match-known-secrets.js';
import { redactValue } from './redact-value.js';
import { renderedText } from './rendered-text.js';
import { matchSupplementary } from './supplementary-patterns.js';
import type { ScanOptions, SecretFinding } from './types.js';

/**
 * Suspected secrets in a text the app is about to send somewhere (a commit message, a pull request's title
 * or body, a comment, a check run): secretlint's recommended rules, the supplementary patterns and the app's
 * own secrets, on the text as written and as rendered (see `renderedText`: escapes and URL encoding undone).
 * `place` names the text in findings (e.g. `pull request body`); findings carry only a redacted prefix.
 */
export async function scanTextForSecrets(
  text: string,
  place: string,
  { knownSecrets = [] }: ScanOptions = {},
): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  const seen = new Set<string>();
  const add = (line: number, rule: string, redacted: string) => {
    // One finding per secret and line, whichever detector saw it first (secretlint's rules come first).
    const key = `${line}\0${redacted}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ file: place, line, rule, redacted });
  };
  const variants = [...new Set([text, renderedText(text)])];
  for (const variant of variants) {
    for (const hit of await lintWithSecretlint(variant, place))
      add(hit.line, hit.rule, redactValue(hit.secret));
    variant.split('\n').forEach((lineText, index) => {
      for (const match of matchSupplementary(lineText)) add(index + 1, match.rule, redactValue(match.secret));
      if (matchKnownSecrets(lineText, knownSecrets)) add(index + 1, 'pipeline/app-secret', '…');
    });
  }
  return findings;
}
