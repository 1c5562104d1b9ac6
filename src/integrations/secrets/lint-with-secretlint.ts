import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

// secretlint profiles every lint by default: a `performance.mark` per rule and file, each kept in an array
// that only grows (and, before 13.1, was searched whole on every mark). In a long-lived process that scans
// every GitHub write, that was a leak whose cost grew with every scan: after some thousands of webhook
// deliveries it stalled the event loop for hundreds of milliseconds (bench/README.md, 2026-12-03).
secretLintProfiler.setEnabled(false);

type LintConfig = Parameters<typeof lintSource>[0]['options']['config'];

const CONFIG: LintConfig = {
  rules: [
    {
      id: '@secretlint/secretlint-rule-preset-recommend',
      rule: recommended,
      rules: [
        // Key ids are high-signal in a diff; account ids are not secrets.
        {
          id: '@secretlint/secretlint-rule-aws',
          options: { enableIDScanRule: true },
          allowMessageIds: ['AWSAccountID'],
        },
      ],
    },
  ],
};

/** A secretlint report reduced to what a finding needs: rule, 1-based line in `content`, and the secret. */
export interface LintHit {
  rule: string;
  line: number;
  secret: string;
}

/** Runs secretlint's recommended preset over `content` as if it were the file `filePath`. */
export async function lintWithSecretlint(content: string, filePath: string): Promise<LintHit[]> {
  const result = await lintSource({
    source: { content, filePath, contentType: 'text' },
    options: { config: CONFIG, noPhysicFilePath: true },
  });
  return result.messages.map((message) => ({
    rule: message.ruleId,
    line: message.loc.start.line,
    secret: reportedSecret(message.data) ?? content.slice(message.range[0], message.range[1]),
  }));
}

/** The secret a rule put in its message data (`KEY`, `ID` or `TOKEN`), when it did. */
function reportedSecret(data: object | undefined): string | undefined {
  if (!data) return undefined;
  for (const key of ['KEY', 'TOKEN', 'ID']) {
    const value: unknown = Reflect.get(data, key);
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
