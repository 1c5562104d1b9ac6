import { describe, expect, it } from 'vitest';
import { splitIdentifier, stem, tokenize } from '../../../src/codeindex/embedding/tokenize.js';

describe('code-aware tokenisation', () => {
  it('splits camelCase, PascalCase with acronyms and snake_case into words', () => {
    expect(splitIdentifier('parseHTTPHeaders')).toEqual(['parse', 'http', 'headers']);
    expect(splitIdentifier('raw_header_value')).toEqual(['raw', 'header', 'value']);
    expect(splitIdentifier('XMLHttpRequest')).toEqual(['xml', 'http', 'request']);
  });

  it('keeps whole identifiers next to their stemmed parts', () => {
    const tokens = tokenize('const setHeaders = parseHTTPHeaders(raw_value);');
    expect(tokens).toEqual(
      expect.arrayContaining([
        'setheaders',
        'set',
        'header',
        'parsehttpheaders',
        'raw_value',
        'raw',
        'value',
      ]),
    );
  });

  it('keeps paths, file names and stems of path-like strings', () => {
    const tokens = tokenize('Error at lib/core/Axios.js:42');
    expect(tokens).toEqual(expect.arrayContaining(['path:lib/core/axios.js', 'file:axios.js', 'file:axios']));
  });

  it('stems only plural and common verb endings', () => {
    expect(['headers', 'queries', 'parsing', 'failed', 'class', 'status'].map(stem)).toEqual([
      'header',
      'query',
      'pars',
      'fail',
      'class',
      'status',
    ]);
  });
});
