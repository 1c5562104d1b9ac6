import { lintWithSecretlint } from './lint-with-secretlint.js';
import { matchKnownSecrets } from './match-known-secrets.js';
import { parseAddedLines, type AddedLine } from './parse-added-lines.js';
import { redactValue } from './redact-value.js';
import { matchSupplementary } from './supplementary-patterns.js';
import type { ScanOptions, SecretFinding } from './types.js';

/**
 * Suspected secrets on the lines a unified diff adds. Each file's added lines are checked with
 * secretlint's recommended rules, a few high-signal patterns and the app's own secrets; findings point
 * at the file and line in the new version, and carry only a redacted prefix of the secret.
 * NUL bytes are dropped before the check: a NUL is never part of a secret, and without them text stored
 * as UTF-16 (every other byte NUL) reads as the ASCII it holds.
 */
export async function scanDiffForSecrets(
  diffText: string,
  options: ScanOptions = {},
): Promise<SecretFinding[]> {
  const byFile = new Map<string, AddedLine[]>();
  for (const added of parseAddedLines(diffText)) {
    const line = { ...added, text: added.text.replaceAll('\0', '') };
    byFile.set(added.file, [...(byFile.get(added.file) ?? []), line]);
  }
  const findings: SecretFinding[] = [];
  for (const [file, lines] of byFile) findings.push(...(await scanFile(file, lines, options)));
  return findings;
}

async function scanFile(file: string, lines: AddedLine[], options: ScanOptions): Promise<SecretFinding[]> {
  const content = lines.map((l) => l.text).join('\n');
  const findings: SecretFinding[] = [];
  const seen = new Set<string>();
  const add = (line: number, rule: string, secret: string): void => {
    const key = `${line}\0${secret}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ file, line, rule, redacted: redactValue(secret) });
  };
  for (const hit of await lintWithSecretlint(content, file)) {
    // Lines of `content` are the added lines in order; map back to the line in the new file.
    const added = lines[hit.line - 1];
    if (added) add(added.line, hit.rule, hit.secret);
  }
  for (const added of lines) {
    for (const match of matchSupplementary(added.text)) {
      if (!findings.some((f) => f.line === added.line && matchOverlaps(f, match.secret))) {
        add(added.line, match.rule, match.secret);
      }
    }
    if (matchKnownSecrets(added.text, options.knownSecrets)) {
      findings.push({ file, line: added.line, rule: 'pipeline/app-secret', redacted: '…' });
    }
  }
  return findings;
}

/** Whether a finding already on this line is the same secret a supplementary pattern matched. */
function matchOverlaps(finding: SecretFinding, secret: string): boolean {
  return finding.redacted === redactValue(secret);
}
