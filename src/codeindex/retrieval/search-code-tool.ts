import { z } from 'zod';
import type { CodeIndex } from '../create-code-index.js';
import type { CodeSearchResult } from './types.js';

export const searchCodeInputSchema = z.object({
  /** What to look for: an issue's words, identifiers, file names or a stack trace. */
  query: z
    .string()
    .min(1)
    .max(8000)
    .describe('What to look for: issue text, identifiers, file names or a stack trace.'),
  /** How many files to return. */
  k: z.number().int().min(1).max(30).default(8).describe('How many files to return (1-30).'),
});

export type SearchCodeInput = z.input<typeof searchCodeInputSchema>;

/**
 * The code search as an agent tool body: parses its input with the schema and searches the repository
 * the run is about. The caller names and wraps it.
 */
export function createSearchCodeTool(
  codeIndex: Pick<CodeIndex, 'searchCode'>,
  repoFullName: string,
  options: { tokenBudget?: number } = {},
): (input: SearchCodeInput) => Promise<CodeSearchResult> {
  return async (input) => {
    const { query, k } = searchCodeInputSchema.parse(input);
    return codeIndex.searchCode(repoFullName, query, { k, tokenBudget: options.tokenBudget });
  };
}

/** Renders results as a compact markdown block for a prompt. */
export function formatSearchResults(result: CodeSearchResult): string {
  if (result.hits.length === 0) return `No indexed code in ${result.repoFullName} matched.`;
  return result.hits
    .map((h) => {
      const header = `### ${h.path}:${h.startLine}-${h.endLine}${h.symbol ? ` (${h.symbol})` : ''}`;
      return h.snippet ? `${header}\n\`\`\`\n${h.snippet}\n\`\`\`` : header;
    })
    .join('\n\n');
}
