import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { promptFile } from '../../../src/agents/prompt-file.js';

function prompt(text: string): URL {
  const file = join(mkdtempSync(join(tmpdir(), 'prompt-')), 'user.md');
  writeFileSync(file, text);
  return pathToFileURL(file);
}

describe('a prompt file', () => {
  it('fills each placeholder once, and values are never re-read as placeholders', () => {
    const fill = promptFile(prompt('Repo {{repo}}: {{issue}}'), ['repo', 'issue']);
    expect(fill({ repo: 'acme/app', issue: 'print {{repo}}' })).toBe('Repo acme/app: print {{repo}}');
  });

  it('is refused at load when it has a placeholder the code does not fill', () => {
    expect(() => promptFile(prompt('{{repo}} {{secret}}'), ['repo'])).toThrow(/unknown \["secret"\]/);
  });

  it('is refused at load when the code fills a placeholder it does not have', () => {
    expect(() => promptFile(prompt('{{repo}}'), ['repo', 'issue'])).toThrow(/missing \["issue"\]/);
  });
});
