import type { RankedFile } from './rank-files.js';
import type { CodeSearchHit } from './types.js';

/** Rough token count used for budgets: about four characters per token for code. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * One hit per file, best first, with snippets until `tokenBudget` is spent; the snippet that crosses the
 * budget is cut at a line boundary, later hits keep their path and lines but no snippet.
 */
export function packSnippets(
  files: RankedFile[],
  documents: Map<string, string>,
  tokenBudget: number,
): { hits: CodeSearchHit[]; tokens: number } {
  let used = 0;
  const hits: CodeSearchHit[] = [];
  for (const f of files) {
    const best = f.chunks[0];
    if (!best) continue;
    let snippet = documents.get(best.ref.id) ?? '';
    let endLine = best.ref.endLine;
    const remaining = tokenBudget - used;
    if (estimateTokens(snippet) > remaining) {
      const lines = snippet.split('\n');
      const kept: string[] = [];
      let size = 0;
      for (const line of lines) {
        if (estimateTokens('x'.repeat(size + line.length + 1)) > remaining) break;
        kept.push(line);
        size += line.length + 1;
      }
      snippet = kept.join('\n');
      endLine = kept.length > 0 ? best.ref.startLine + kept.length - 1 : best.ref.endLine;
    }
    used += estimateTokens(snippet);
    hits.push({
      path: f.path,
      startLine: best.ref.startLine,
      endLine,
      symbol: best.ref.symbol,
      score: Number(f.score.toFixed(4)),
      snippet,
    });
  }
  return { hits, tokens: used };
}
