import { describe, expect, it } from 'vitest';
import { planChanges } from '../../../src/codeindex/indexing/plan-changes.js';
import { packSnippets } from '../../../src/codeindex/retrieval/pack-snippets.js';
import type { RankedFile } from '../../../src/codeindex/retrieval/rank-files.js';
import {
  createSearchCodeTool,
  formatSearchResults,
  searchCodeInputSchema,
} from '../../../src/codeindex/retrieval/search-code-tool.js';

describe('incremental plan', () => {
  it('embeds new and changed blobs, keeps unchanged ones and removes vanished paths', () => {
    const manifest = new Map([
      ['a.ts', 'sha-a'],
      ['b.ts', 'sha-b'],
      ['gone.ts', 'sha-g'],
    ]);
    const plan = planChanges(
      [
        { path: 'a.ts', blobSha: 'sha-a', size: 1 },
        { path: 'b.ts', blobSha: 'sha-b2', size: 1 },
        { path: 'new.ts', blobSha: 'sha-n', size: 1 },
      ],
      manifest,
    );
    expect(plan.toEmbed.map((e) => e.path)).toEqual(['b.ts', 'new.ts']);
    expect(plan.toRemove).toEqual(['gone.ts']);
    expect(plan.unchanged).toBe(1);
  });
});

describe('snippets within a token budget', () => {
  const file = (path: string, lines: number): RankedFile => ({
    path,
    score: 1,
    chunks: [{ ref: { id: `${path}#0`, path, symbol: 's', startLine: 10, endLine: 9 + lines }, score: 1 }],
  });
  const docs = new Map([
    ['a.ts#0', Array.from({ length: 10 }, () => 'x'.repeat(39)).join('\n')],
    ['b.ts#0', Array.from({ length: 10 }, () => 'y'.repeat(39)).join('\n')],
    ['c.ts#0', 'z'],
  ]);

  it('fills snippets in rank order, cuts the one that crosses the budget at a line, then lists paths only', () => {
    const { hits, tokens } = packSnippets([file('a.ts', 10), file('b.ts', 10), file('c.ts', 1)], docs, 150);
    expect(tokens).toBeLessThanOrEqual(150);
    expect(hits[0]).toMatchObject({ path: 'a.ts', startLine: 10, endLine: 19 });
    expect(hits[1]).toMatchObject({ path: 'b.ts', startLine: 10, endLine: 14 });
    expect(hits[2]).toMatchObject({ path: 'c.ts', snippet: '' });
  });
});

describe('the search tool', () => {
  it('validates input with its schema and defaults k', async () => {
    expect(searchCodeInputSchema.parse({ query: 'x' })).toEqual({ query: 'x', k: 8 });
    expect(searchCodeInputSchema.safeParse({ query: '' }).success).toBe(false);
    const calls: unknown[] = [];
    const tool = createSearchCodeTool(
      {
        searchCode: async (repo, query, options) => {
          calls.push([repo, query, options]);
          return {
            repoFullName: repo,
            commit: 'c',
            hits: [{ path: 'a.ts', startLine: 1, endLine: 2, symbol: 'f', score: 1, snippet: 'code' }],
            tokens: 1,
          };
        },
      },
      'o/r',
      { tokenBudget: 500 },
    );
    const result = await tool({ query: 'find f', k: 3 });
    expect(calls).toEqual([['o/r', 'find f', { k: 3, tokenBudget: 500 }]]);
    expect(formatSearchResults(result)).toBe('### a.ts:1-2 (f)\n```\ncode\n```');
  });
});
