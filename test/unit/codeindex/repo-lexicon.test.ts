import { describe, expect, it } from 'vitest';
import { declaredNames, RepoLexicon } from '../../../src/codeindex/lexical/repo-lexicon.js';

const chunk = (path: string, index: number, symbol: string, text: string) => ({
  id: `${path}#${index}`,
  path,
  symbol,
  startLine: 1,
  endLine: 2,
  searchText: `${path}\n${symbol}\n${text}`,
});

describe('the lexicon finds the chunks that declare a name the query mentions', () => {
  it('splits a symbol into the names it declares', () => {
    expect(declaredNames('Client, Client.send')).toEqual(['client', 'client', 'send']);
    expect(declaredNames('go')).toEqual([]);
  });

  it('follows files as they are added, replaced and removed', () => {
    const lexicon = new RepoLexicon();
    lexicon.addFile('src/client.ts', 'b1', [
      chunk('src/client.ts', 0, 'Client, Client.send', 'send() {}'),
      chunk('src/client.ts', 1, 'parseHeaders', 'x'),
    ]);
    lexicon.addFile('src/retry.ts', 'b2', [chunk('src/retry.ts', 0, 'retry', 'backoff')]);
    const refs = (docs: number[]): string[] => docs.map((d) => lexicon.chunks.get(d)?.id ?? '?');

    expect(refs(lexicon.chunksDeclaring(['retry', 'send']))).toEqual(['src/client.ts#0', 'src/retry.ts#0']);
    expect(refs(lexicon.chunksDeclaring(['parseheaders']))).toEqual(['src/client.ts#1']);

    lexicon.addFile('src/client.ts', 'b3', [chunk('src/client.ts', 0, 'Client, Client.close', 'close() {}')]);
    expect(lexicon.chunksDeclaring(['send', 'parseheaders'])).toEqual([]);
    // The replaced file's chunk now comes after retry.ts's: it was added later.
    expect(refs(lexicon.chunksDeclaring(['client', 'retry']))).toEqual(['src/retry.ts#0', 'src/client.ts#0']);

    lexicon.removeFile('src/retry.ts');
    expect(lexicon.chunksDeclaring(['retry'])).toEqual([]);
    expect(lexicon.declaring.has('retry')).toBe(false);
  });
});
